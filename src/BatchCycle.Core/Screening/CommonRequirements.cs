using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>
/// Requirements shared by several label types: the application window (1.4), duplicates (DUP), the label
/// being renewed (REN), the Hong Kong company and factory relationship (2.1, 2.2) and compliance (4.1-II and
/// its siblings).
/// </summary>
public static class CommonRequirements
{
    /// <summary>Guide 1.4: applications are accepted from the opening to the closing date, both included.</summary>
    public static RequirementResult Submission(Application application, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        const string id = "1.4";
        var window = Line.Window(calendar.Opens, calendar.Closes);
        return application.SubmittedOn switch
        {
            null => Line.Unknown(id, "no submission date recorded (SubmittedOn blank)"),
            { } day when day < calendar.Opens => Line.NotMet(id, $"submitted {Line.Day(day)}, before the cycle opened ({window})"),
            { } day when day > calendar.Closes => Line.NotMet(id, $"submitted {Line.Day(day)}, after the closing date ({window})"),
            { } day => Line.Met(id, $"submitted {Line.Day(day)}, within {window}"),
        };
    }

    /// <summary>
    /// One application per label type and factory (M, E) or applicant (S, T) in a cycle. Which of two is the
    /// real one is the secretariat's call, so every one of them is sent to review rather than one picked.
    /// </summary>
    public static RequirementResult Duplicate(Application application, CycleIndex index)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        const string id = "DUP";
        var column = CycleIndex.ApplicantKeyColumn(application.LabelType);
        if (CycleIndex.ApplicantKey(application) is not { } key)
        {
            return Line.Unknown(id, $"no {column} on the application, so duplicates cannot be checked");
        }

        var others = index.ApplicationsFor(application.LabelType, key)
            .Where(a => !ReferenceEquals(a, application) && a.ApplicationId != application.ApplicationId)
            .Select(a => a.ApplicationId)
            .Order(StringComparer.Ordinal)
            .ToList();
        return others.Count == 0
            ? Line.Met(id, $"the only {application.LabelType} application for {column} {key} in this cycle")
            : Line.Unknown(id, $"{column} {key} also applied for the {application.LabelType} label in {Line.List(others)}: keep one", others);
    }

    /// <summary>
    /// Guide 5.1: a renewal renews a label of the same type, held by the same factory or applicant, not revoked,
    /// expiring in the cycle year. Its award date is ValidityStart, from which renewal evidence is counted.
    /// </summary>
    public static (RequirementResult Line, RegisterLabel? Renewed) Renewal(Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        const string id = "REN";
        var column = CycleIndex.ApplicantKeyColumn(application.LabelType);
        if (CycleIndex.ApplicantKey(application) is not { } key)
        {
            return (Line.NotMet(id, $"no {column} on the application, so the label being renewed cannot be found"), null);
        }

        var held = index.LabelsHeldBy(application, key);
        var renewed = held
            .Where(l => !l.Revoked && calendar.ExpiresThisYear(l.ExpiresOn))
            .OrderByDescending(l => l.AwardedOn)
            .ThenBy(l => l.Serial, StringComparer.Ordinal)
            .FirstOrDefault();
        if (renewed is not null)
        {
            return (Line.Met(
                id,
                $"renews {renewed.Serial} awarded {Line.Day(renewed.AwardedOn)}, expiring {Line.Day(renewed.ExpiresOn)}; ValidityStart {Line.Day(renewed.AwardedOn)}",
                [renewed.Serial]), renewed);
        }

        if (held.Count == 0)
        {
            return (Line.NotMet(id, $"no {application.LabelType} label in the register for {column} {key}"), null);
        }

        var reasons = held.OrderBy(l => l.Serial, StringComparer.Ordinal).Select(l => l.Revoked
            ? $"{l.Serial} is revoked"
            : $"{l.Serial} expires {Line.Day(l.ExpiresOn)}, not in {calendar.Year.ToString(CultureInfo.InvariantCulture)}");
        return (Line.NotMet(id, "no label expiring this year to renew: " + string.Join("; ", reasons), held.Select(l => l.Serial)), null);
    }

    /// <summary>
    /// Guide 2.1 / 2.2 and footnote 4: a Hong Kong company (8-digit BR number) related to a factory in
    /// Guangdong or Hong Kong in one of the accepted ways.
    /// </summary>
    public static RequirementResult HongKongCompanyAndFactory(string id, Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var status = RequirementStatus.Met;
        var notes = new List<string>();
        void Add(RequirementStatus result, string note)
        {
            status = Line.Worst(status, result);
            notes.Add(note);
        }

        if (application.RegistrationPlace is { } place && place != RegistrationPlace.HK)
        {
            Add(RequirementStatus.NotMet, $"applicant registered in {place}, not Hong Kong");
        }

        if (string.IsNullOrWhiteSpace(application.RegistrationNo))
        {
            Add(RequirementStatus.Unknown, "no BR number given (RegistrationNo blank)");
        }
        else if (!EntityName.IsBrNumber(application.RegistrationNo))
        {
            Add(RequirementStatus.NotMet, $"RegistrationNo {application.RegistrationNo} is not an 8-digit Hong Kong BR number");
        }
        else if (application.RegistrationNoAsWritten is { } written)
        {
            Add(RequirementStatus.Unknown, $"BR number given as {written.Length} digits, read as {application.RegistrationNo}: confirm");
        }
        else
        {
            notes.Add($"Hong Kong company, BR {application.RegistrationNo}");
        }

        var factory = application.FactoryId?.Trim().ToUpperInvariant();
        var inHongKong = factory is not null && EntityName.IsHongKongFactoryId(factory);
        if (string.IsNullOrWhiteSpace(factory))
        {
            Add(RequirementStatus.Unknown, "no FactoryId given");
        }
        else if (inHongKong)
        {
            notes.Add($"factory {factory} in Hong Kong");
        }
        else if (EntityName.IsGuangdongUscc(factory))
        {
            notes.Add($"factory {factory} registered in Guangdong");
        }
        else if (EntityName.IsUscc(factory))
        {
            Add(RequirementStatus.NotMet, $"factory {factory} is registered outside Guangdong (USCC region {factory.Substring(2, 2)})");
        }
        else
        {
            Add(RequirementStatus.Unknown, $"FactoryId {factory} is neither a USCC nor H + BR number");
        }

        switch (application.Relationship)
        {
            case null:
                Add(RequirementStatus.Unknown, "relationship with the factory not given");
                break;
            case FactoryRelationship.HongKongOwned:
                if (factory is not null && !inHongKong)
                {
                    Add(RequirementStatus.NotMet, "relationship (ii) needs a factory in Hong Kong (FactoryId H + BR)");
                }
                else if (inHongKong && application.RegistrationNo is { } br && EntityName.IdKey(factory) != br)
                {
                    Add(RequirementStatus.Unknown, $"relationship (ii): factory {factory} is not registered under the applicant's BR {br}; confirm ownership");
                }
                else
                {
                    notes.Add("relationship (ii) owned and operated in Hong Kong");
                }

                break;
            case FactoryRelationship.D:
                MajorShareholder(application, Add, notes);
                break;
            default:
                notes.Add($"relationship ({application.Relationship.Value.ToString().ToLowerInvariant()})");
                break;
        }

        return Line.Of(id, status, Line.Join(notes), string.IsNullOrEmpty(factory) ? [] : [factory]);
    }

    /// <summary>
    /// Footnote 4 (d): the Hong Kong resident shareholder holds more than 50 % of the factory and at least 30 %
    /// of the applicant; exactly 50 % is not a majority.
    /// </summary>
    private static void MajorShareholder(Application application, Action<RequirementStatus, string> add, List<string> notes)
    {
        if (application.HolderIsHkResident is false)
        {
            add(RequirementStatus.NotMet, "relationship (d): the shareholder is not a Hong Kong resident");
        }
        else if (application.HolderIsHkResident is null)
        {
            add(RequirementStatus.Unknown, "relationship (d): whether the shareholder is a Hong Kong resident is not given");
        }

        if (application.HolderStakeInFactoryPct is not { } factoryPct || application.HolderStakeInApplicantPct is not { } applicantPct)
        {
            add(RequirementStatus.Unknown, "relationship (d): shareholding percentages missing");
            return;
        }

        var shares = $"holds {Pct(factoryPct)} of the factory and {Pct(applicantPct)} of the applicant";
        if (factoryPct <= 50m)
        {
            add(RequirementStatus.NotMet, $"relationship (d): shareholder {shares}; more than 50 % of the factory needed");
        }

        if (applicantPct < 30m)
        {
            add(RequirementStatus.NotMet, $"relationship (d): shareholder {shares}; at least 30 % of the applicant needed");
        }

        if (factoryPct > 50m && applicantPct >= 30m)
        {
            notes.Add($"relationship (d): shareholder {shares}");
        }
    }

    private static string Pct(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// Guide 4.1 II / 5.2 II: the Annex II declaration, and no violation or penalty of the factory since
    /// <paramref name="since"/>. A record carrying the factory's identifier fails; a record without identifier
    /// whose name matches is only a suspicion, so it sends the application to review. The applicant's own name
    /// is compared too when the factory is in Hong Kong, because then the applicant runs the factory itself and
    /// Hong Kong authorities record the company; a mainland authority records the mainland enterprise.
    /// </summary>
    public static RequirementResult Compliance(string id, Application application, CycleIndex index, DateOnly since, string sinceName)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        var status = RequirementStatus.Met;
        var notes = new List<string>();
        var evidence = new List<string>();
        void Add(RequirementStatus result, string note)
        {
            status = Line.Worst(status, result);
            notes.Add(note);
        }

        switch (application.DeclarationSigned)
        {
            case false:
                Add(RequirementStatus.NotMet, "Annex II compliance declaration not submitted");
                break;
            case null:
                Add(RequirementStatus.Unknown, "Annex II compliance declaration not recorded (DeclarationSigned blank)");
                break;
            default:
                notes.Add("Annex II declaration submitted");
                break;
        }

        bool Relevant(Violation v) => v.ViolationDate >= since || v.PenaltyDate >= since;

        var factoryKey = EntityName.IdKey(application.FactoryId);
        if (factoryKey is null)
        {
            Add(RequirementStatus.Unknown, "no FactoryId, so violation records can only be matched by name");
        }
        else
        {
            var matched = index.ViolationsOf(factoryKey).Where(Relevant).OrderBy(v => v.CaseRef, StringComparer.Ordinal).ToList();
            if (matched.Count > 0)
            {
                evidence.AddRange(matched.Select(v => v.CaseRef));
                Add(RequirementStatus.NotMet, $"violation or penalty record of factory {application.FactoryId} since {Line.Day(since)}: " + string.Join(", ", matched.Select(Describe)));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        void AddName(string? name)
        {
            if (index.NameKeyOf(name) is { } key)
            {
                names.Add(key);
            }
        }

        AddName(application.FactoryName);
        if (factoryKey is null || EntityName.IsHongKongFactoryId(application.FactoryId!) || application.Relationship == FactoryRelationship.HongKongOwned)
        {
            AddName(application.ApplicantName);
            AddName(application.ApplicantNameEn);
        }

        var byName = names.SelectMany(index.UnidentifiedViolationsNamed).Where(Relevant).Distinct().OrderBy(v => v.CaseRef, StringComparer.Ordinal).ToList();
        if (byName.Count > 0)
        {
            evidence.AddRange(byName.Select(v => v.CaseRef));
            Add(RequirementStatus.Unknown, "record without identifier under the same name, to confirm: " + string.Join(", ", byName.Select(v => $"{Describe(v)} «{v.EntityName}»")));
        }

        if (status == RequirementStatus.Met || (evidence.Count == 0 && factoryKey is not null))
        {
            notes.Add($"no violation or penalty record of the factory since {Line.Day(since)} ({sinceName})");
        }

        return Line.Of(id, status, Line.Join(notes), evidence);
    }

    private static string Describe(Violation violation)
    {
        var dates = Line.Join([
            violation.ViolationDate is { } v ? $"violation {Line.Day(v)}" : null,
            violation.PenaltyDate is { } p ? $"penalty {Line.Day(p)}" : null,
        ]);
        return $"{violation.CaseRef} ({dates})";
    }

    /// <summary>True when a title is in force on <paramref name="day"/> (no end date: open-ended).</summary>
    public static bool ValidOn(Title title, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.IssuedOn <= day && (title.ValidUntil is not { } until || until >= day);
    }

    /// <summary>True when a title is in force on at least one day of [from, to].</summary>
    public static bool ValidWithin(Title title, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.IssuedOn <= to && (title.ValidUntil is not { } until || until >= from);
    }

    /// <summary>How a title is cited: its certificate number, or its type at the factory when it has none.</summary>
    public static string Cite(Title title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return string.IsNullOrWhiteSpace(title.CertificateNo) ? $"{title.TitleType}@{title.FactoryId}" : title.CertificateNo;
    }
}
