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
        var findings = new Findings();
        HongKongCompany(application, findings);
        var factory = application.FactoryId?.Trim().ToUpperInvariant();
        var inHongKong = FactoryInGuangdongOrHongKong(factory, findings);
        Relationship(application, factory, inHongKong, findings);
        return findings.Result(id, string.IsNullOrEmpty(factory) ? [] : [factory]);
    }

    /// <summary>Guide 2.1: registered in Hong Kong, with an 8-digit BR number.</summary>
    private static void HongKongCompany(Application application, Findings findings)
    {
        if (application.RegistrationPlace is { } place && place != RegistrationPlace.HK)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Company.NotHongKong", place));
        }

        if (string.IsNullOrWhiteSpace(application.RegistrationNo))
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Company.NoBr"));
        }
        else if (!EntityName.IsBrNumber(application.RegistrationNo))
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Company.NotBr", application.RegistrationNo));
        }
        else if (application.RegistrationNoAsWritten is { } written)
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Company.BrShort", written.Length, application.RegistrationNo));
        }
        else
        {
            findings.Note(Line.Say("Company.HongKong", application.RegistrationNo));
        }
    }

    /// <summary>The factory is in Hong Kong (<c>H</c> + BR) or Guangdong (USCC region 44); true when in Hong Kong.</summary>
    private static bool FactoryInGuangdongOrHongKong(string? factory, Findings findings)
    {
        var inHongKong = factory is not null && EntityName.IsHongKongFactoryId(factory);
        if (string.IsNullOrWhiteSpace(factory))
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Factory.NoId"));
        }
        else if (inHongKong)
        {
            findings.Note(Line.Say("Factory.HongKong", factory));
        }
        else if (EntityName.IsGuangdongUscc(factory))
        {
            findings.Note(Line.Say("Factory.Guangdong", factory));
        }
        else if (EntityName.IsUscc(factory))
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Factory.OutsideGuangdong", factory, factory.Substring(2, 2)));
        }
        else
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Factory.BadId", factory));
        }

        return inHongKong;
    }

    /// <summary>Footnote 4: the applicant's relationship to the factory, (a) to (d) or (ii) owned in Hong Kong.</summary>
    private static void Relationship(Application application, string? factory, bool inHongKong, Findings findings)
    {
        switch (application.Relationship)
        {
            case null:
                findings.Add(RequirementStatus.Unknown, Line.Say("Relationship.Missing"));
                break;
            case FactoryRelationship.HongKongOwned:
                if (factory is not null && !inHongKong)
                {
                    findings.Add(RequirementStatus.NotMet, Line.Say("Relationship.OwnedNeedsHongKong"));
                }
                else if (inHongKong && application.RegistrationNo is { } br && EntityName.IdKey(factory) != br)
                {
                    findings.Add(RequirementStatus.Unknown, Line.Say("Relationship.OwnedOtherBr", factory!, br));
                }
                else
                {
                    findings.Note(Line.Say("Relationship.Owned"));
                }

                break;
            case FactoryRelationship.D:
                MajorShareholder(application, findings);
                break;
            default:
                findings.Note(Line.Say("Relationship.Of", application.Relationship.Value));
                break;
        }
    }

    /// <summary>
    /// Footnote 4 (d): the Hong Kong resident shareholder holds more than 50 % of the factory and at least 30 %
    /// of the applicant; exactly 50 % is not a majority.
    /// </summary>
    private static void MajorShareholder(Application application, Findings findings)
    {
        if (application.HolderIsHkResident is false)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Shareholder.NotResident"));
        }
        else if (application.HolderIsHkResident is null)
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Shareholder.ResidenceMissing"));
        }

        if (application.HolderStakeInFactoryPct is not { } factoryPct || application.HolderStakeInApplicantPct is not { } applicantPct)
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Shareholder.SharesMissing"));
            return;
        }

        var shares = Line.Say("Shareholder.Holds", factoryPct, applicantPct);
        if (factoryPct <= 50m)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Shareholder.FactoryShareLow", shares));
        }

        if (applicantPct < 30m)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Shareholder.ApplicantShareLow", shares));
        }

        if (factoryPct > 50m && applicantPct >= 30m)
        {
            findings.Note(Line.Say("Shareholder.Shares", shares));
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
        var findings = new Findings();
        var evidence = new List<string>();
        switch (application.DeclarationSigned)
        {
            case false:
                findings.Add(RequirementStatus.NotMet, Line.Say("Compliance.NoDeclaration"));
                break;
            case null:
                findings.Add(RequirementStatus.Unknown, Line.Say("Compliance.DeclarationMissing"));
                break;
            default:
                findings.Note(Line.Say("Compliance.Declared"));
                break;
        }

        bool Relevant(Violation v) => v.ViolationDate >= since || v.PenaltyDate >= since;

        var factoryKey = EntityName.IdKey(application.FactoryId);
        if (factoryKey is null)
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Compliance.NoFactoryId"));
        }
        else
        {
            var matched = index.ViolationsOf(factoryKey).Where(Relevant).OrderBy(v => v.CaseRef, StringComparer.Ordinal).ToList();
            if (matched.Count > 0)
            {
                evidence.AddRange(matched.Select(v => v.CaseRef));
                findings.Add(RequirementStatus.NotMet, Line.Say("Compliance.Violation", application.FactoryId!, since, Line.Refs(matched.Select(Describe))));
            }
        }

        var byName = NamesRecorded(application, index, factoryKey).SelectMany(index.UnidentifiedViolationsNamed).Where(Relevant).Distinct().OrderBy(v => v.CaseRef, StringComparer.Ordinal).ToList();
        if (byName.Count > 0)
        {
            evidence.AddRange(byName.Select(v => v.CaseRef));
            findings.Add(RequirementStatus.Unknown, Line.Say("Compliance.ByName", Line.Refs(byName.Select(v => Line.Say("Compliance.Named", Describe(v), v.EntityName)))));
        }

        if (findings.Status == RequirementStatus.Met || (evidence.Count == 0 && factoryKey is not null))
        {
            findings.Note(Line.Say("Compliance.Clean", since, Line.DateName(sinceName)));
        }

        return findings.Result(id, evidence);
    }

    /// <summary>
    /// The normalised names an authority may have recorded the factory under: its own, and the applicant's when
    /// the applicant runs the factory in Hong Kong itself (or no factory identifier tells).
    /// </summary>
    private static HashSet<string> NamesRecorded(Application application, CycleIndex index, string? factoryKey)
    {
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

        return names;
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
