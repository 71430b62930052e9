using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

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
            null => Line.Unknown(id, Line.Say("Submission.Missing")),
            { } day when day < calendar.Opens => Line.NotMet(id, Line.Say("Submission.Early", day, window)),
            { } day when day > calendar.Closes => Line.NotMet(id, Line.Say("Submission.Late", day, window)),
            { } day => Line.Met(id, Line.Say("Submission.Within", day, window)),
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
        var column = Line.Say($"Field.{CycleIndex.ApplicantKeyColumn(application.LabelType)}");
        if (CycleIndex.ApplicantKey(application) is not { } key)
        {
            return Line.Unknown(id, Line.Say("Duplicate.NoKey", column));
        }

        var others = index.ApplicationsFor(application.LabelType, key)
            .Where(a => !ReferenceEquals(a, application) && a.ApplicationId != application.ApplicationId)
            .Select(a => a.ApplicationId)
            .Order(StringComparer.Ordinal)
            .ToList();
        return others.Count == 0
            ? Line.Met(id, Line.Say("Duplicate.Only", application.LabelType, column, key))
            : Line.Unknown(id, Line.Say("Duplicate.Also", column, key, application.LabelType, Line.List(others)), others);
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
        var column = Line.Say($"Field.{CycleIndex.ApplicantKeyColumn(application.LabelType)}");
        if (CycleIndex.ApplicantKey(application) is not { } key)
        {
            return (Line.NotMet(id, Line.Say("Renewal.NoKey", column)), null);
        }

        var held = index.LabelsHeldBy(application, key);
        var renewed = held
            .Where(l => !l.Revoked && calendar.ExpiresThisYear(l.ExpiresOn))
            .OrderByDescending(l => l.AwardedOn)
            .ThenBy(l => l.Serial, StringComparer.Ordinal)
            .FirstOrDefault();
        if (renewed is not null)
        {
            return (Line.Met(id, Line.Say("Renewal.Renews", renewed.Serial, renewed.AwardedOn, renewed.ExpiresOn), [renewed.Serial]), renewed);
        }

        if (held.Count == 0)
        {
            return (Line.NotMet(id, Line.Say("Renewal.NoneHeld", application.LabelType, column, key)), null);
        }

        var reasons = held.OrderBy(l => l.Serial, StringComparer.Ordinal).Select(l => l.Revoked
            ? Line.Say("Renewal.Revoked", l.Serial)
            : Line.Say("Renewal.NotThisYear", l.Serial, l.ExpiresOn, calendar.Year));
        return (Line.NotMet(id, Line.Say("Renewal.NoneExpiring", Line.Join(reasons)), held.Select(l => l.Serial)), null);
    }

    /// <summary>
    /// Guide 2.1 / 2.2 and footnote 4: a Hong Kong company (8-digit BR number) related to a factory in
    /// Guangdong or Hong Kong in one of the accepted ways.
    /// </summary>
    public static RequirementResult HongKongCompanyAndFactory(string id, Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var status = RequirementStatus.Met;
        var notes = new List<Message>();
        void Add(RequirementStatus result, Message note)
        {
            status = Line.Worst(status, result);
            notes.Add(note);
        }

        if (application.RegistrationPlace is { } place && place != RegistrationPlace.HK)
        {
            Add(RequirementStatus.NotMet, Line.Say("Company.NotHongKong", place));
        }

        if (string.IsNullOrWhiteSpace(application.RegistrationNo))
        {
            Add(RequirementStatus.Unknown, Line.Say("Company.NoBr"));
        }
        else if (!EntityName.IsBrNumber(application.RegistrationNo))
        {
            Add(RequirementStatus.NotMet, Line.Say("Company.NotBr", application.RegistrationNo));
        }
        else if (application.RegistrationNoAsWritten is { } written)
        {
            Add(RequirementStatus.Unknown, Line.Say("Company.BrShort", written.Length, application.RegistrationNo));
        }
        else
        {
            notes.Add(Line.Say("Company.HongKong", application.RegistrationNo));
        }

        var factory = application.FactoryId?.Trim().ToUpperInvariant();
        var inHongKong = factory is not null && EntityName.IsHongKongFactoryId(factory);
        if (string.IsNullOrWhiteSpace(factory))
        {
            Add(RequirementStatus.Unknown, Line.Say("Factory.NoId"));
        }
        else if (inHongKong)
        {
            notes.Add(Line.Say("Factory.HongKong", factory));
        }
        else if (EntityName.IsGuangdongUscc(factory))
        {
            notes.Add(Line.Say("Factory.Guangdong", factory));
        }
        else if (EntityName.IsUscc(factory))
        {
            Add(RequirementStatus.NotMet, Line.Say("Factory.OutsideGuangdong", factory, factory.Substring(2, 2)));
        }
        else
        {
            Add(RequirementStatus.Unknown, Line.Say("Factory.BadId", factory));
        }

        switch (application.Relationship)
        {
            case null:
                Add(RequirementStatus.Unknown, Line.Say("Relationship.Missing"));
                break;
            case FactoryRelationship.HongKongOwned:
                if (factory is not null && !inHongKong)
                {
                    Add(RequirementStatus.NotMet, Line.Say("Relationship.OwnedNeedsHongKong"));
                }
                else if (inHongKong && application.RegistrationNo is { } br && EntityName.IdKey(factory) != br)
                {
                    Add(RequirementStatus.Unknown, Line.Say("Relationship.OwnedOtherBr", factory!, br));
                }
                else
                {
                    notes.Add(Line.Say("Relationship.Owned"));
                }

                break;
            case FactoryRelationship.D:
                MajorShareholder(application, Add, notes);
                break;
            default:
                notes.Add(Line.Say("Relationship.Of", application.Relationship.Value));
                break;
        }

        return Line.Of(id, status, Line.Join(notes), string.IsNullOrEmpty(factory) ? [] : [factory]);
    }

    /// <summary>
    /// Footnote 4 (d): the Hong Kong resident shareholder holds more than 50 % of the factory and at least 30 %
    /// of the applicant; exactly 50 % is not a majority.
    /// </summary>
    private static void MajorShareholder(Application application, Action<RequirementStatus, Message> add, List<Message> notes)
    {
        if (application.HolderIsHkResident is false)
        {
            add(RequirementStatus.NotMet, Line.Say("Shareholder.NotResident"));
        }
        else if (application.HolderIsHkResident is null)
        {
            add(RequirementStatus.Unknown, Line.Say("Shareholder.ResidenceMissing"));
        }

        if (application.HolderStakeInFactoryPct is not { } factoryPct || application.HolderStakeInApplicantPct is not { } applicantPct)
        {
            add(RequirementStatus.Unknown, Line.Say("Shareholder.SharesMissing"));
            return;
        }

        var shares = Line.Say("Shareholder.Holds", factoryPct, applicantPct);
        if (factoryPct <= 50m)
        {
            add(RequirementStatus.NotMet, Line.Say("Shareholder.FactoryShareLow", shares));
        }

        if (applicantPct < 30m)
        {
            add(RequirementStatus.NotMet, Line.Say("Shareholder.ApplicantShareLow", shares));
        }

        if (factoryPct > 50m && applicantPct >= 30m)
        {
            notes.Add(Line.Say("Shareholder.Shares", shares));
        }
    }

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
        var notes = new List<Message>();
        var evidence = new List<string>();
        void Add(RequirementStatus result, Message note)
        {
            status = Line.Worst(status, result);
            notes.Add(note);
        }

        switch (application.DeclarationSigned)
        {
            case false:
                Add(RequirementStatus.NotMet, Line.Say("Compliance.NoDeclaration"));
                break;
            case null:
                Add(RequirementStatus.Unknown, Line.Say("Compliance.DeclarationMissing"));
                break;
            default:
                notes.Add(Line.Say("Compliance.Declared"));
                break;
        }

        bool Relevant(Violation v) => v.ViolationDate >= since || v.PenaltyDate >= since;

        var factoryKey = EntityName.IdKey(application.FactoryId);
        if (factoryKey is null)
        {
            Add(RequirementStatus.Unknown, Line.Say("Compliance.NoFactoryId"));
        }
        else
        {
            var matched = index.ViolationsOf(factoryKey).Where(Relevant).OrderBy(v => v.CaseRef, StringComparer.Ordinal).ToList();
            if (matched.Count > 0)
            {
                evidence.AddRange(matched.Select(v => v.CaseRef));
                Add(RequirementStatus.NotMet, Line.Say("Compliance.Violation", application.FactoryId!, since, Line.Refs(matched.Select(Describe))));
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
            Add(RequirementStatus.Unknown, Line.Say("Compliance.ByName", Line.Refs(byName.Select(v => Line.Say("Compliance.Named", Describe(v), v.EntityName)))));
        }

        if (status == RequirementStatus.Met || (evidence.Count == 0 && factoryKey is not null))
        {
            notes.Add(Line.Say("Compliance.Clean", since, Line.DateName(sinceName)));
        }

        return Line.Of(id, status, Line.Join(notes), evidence);
    }

    private static Message Describe(Violation violation)
    {
        var dates = Line.Join([
            violation.ViolationDate is { } v ? Line.Say("Compliance.ViolatedOn", v) : null,
            violation.PenaltyDate is { } p ? Line.Say("Compliance.PenalisedOn", p) : null,
        ]);
        return Line.Say("Compliance.Case", violation.CaseRef, dates);
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
