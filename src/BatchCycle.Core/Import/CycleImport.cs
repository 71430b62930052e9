namespace BatchCycle.Import;

/// <summary>
/// Reads a cycle's input files one after the other into the records of every kind, collecting the problems
/// found. Keys must be unique across all files (the first row read wins); panel decisions are kept in the
/// order the panel returned them: files by last-write time then name, rows in order, so that a later
/// decision replaces an earlier one downstream.
/// </summary>
public sealed class CycleImport
{
    /// <summary>The panel workbook's own sheets that are not input: skipped silently beside its decision sheets.</summary>
    private static readonly string[] PanelWorkbookSheets = [TextFolding.Key("Summary"), TextFolding.Key("Import issues")];

    private readonly List<ImportIssue> issues = [];
    private readonly List<Application> applications = [];
    private readonly List<FundedProject> fundedProjects = [];
    private readonly List<ImprovementOption> improvementOptions = [];
    private readonly List<Violation> violations = [];
    private readonly List<RegisterLabel> registerLabels = [];
    private readonly List<Title> titles = [];
    private readonly List<ServiceProvider> serviceProviders = [];
    private readonly List<Complaint> complaints = [];
    private readonly List<ProcurementDeclaration> procurements = [];
    private readonly List<(DateTime LastWrite, string File, int Order, PanelDecision Decision)> panelDecisions = [];
    private readonly Dictionary<string, SourceRow> keys = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportIssue> Issues => issues;

    /// <summary>Reads one file; returns the kinds recognised in it (none when it could not be read).</summary>
    public IReadOnlyList<InputKind> ReadFile(string fileName, byte[] content, DateTime lastWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (fileName.StartsWith("~$", StringComparison.Ordinal))
        {
            return Skip(fileName, "not read: this is the lock file Excel leaves beside a workbook while it is open");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".xlsx" or ".xls" or ".csv"))
        {
            return Skip(fileName, "not read: only .xlsx, .xls and .csv files are imported");
        }

        if (content.Length == 0)
        {
            return Skip(fileName, "the file is empty");
        }

        var file = extension == ".csv" ? CsvFile.Read(fileName, content, cancellationToken) : WorkbookFile.Read(content, cancellationToken);
        if (file.Failure is not null)
        {
            return Skip(fileName, file.Failure);
        }

        issues.AddRange(file.Issues);
        var sheets = file.Sheets.Where(s => s.Rows.Count > 0).Select(s => (Sheet: s, Search: HeaderMatch.Find(s))).ToList();
        var recognised = sheets.Where(s => s.Search.Map is not null).ToList();
        var isPanelWorkbook = recognised.Any(s => s.Search.Map!.Kind == InputKinds.PanelDecisions);
        foreach (var (sheet, search) in sheets.Where(s => s.Search.Map is null))
        {
            if (isPanelWorkbook && PanelWorkbookSheets.Contains(TextFolding.Key(sheet.Name)))
            {
                continue;
            }

            var problem = recognised.Count > 0
                ? "this sheet was not read: its header row matches none of the input kinds (the other sheets of the workbook were read)"
                : search.Problem!;
            issues.Add(new ImportIssue(fileName, sheet.Name, null, null, problem));
        }

        if (sheets.Count == 0)
        {
            issues.Add(new ImportIssue(fileName, null, null, null, "the file has no rows with values"));
        }

        foreach (var (sheet, search) in recognised)
        {
            ReadSheet(fileName, sheet, search.Map!, lastWrite);
        }

        return [.. recognised.Select(s => s.Search.Map!.Kind).Distinct()];
    }

    /// <summary>Everything read so far.</summary>
    public CycleData ToCycleData() => new(
        [.. applications],
        [.. fundedProjects],
        [.. improvementOptions],
        [.. violations],
        [.. registerLabels],
        [.. titles],
        [.. serviceProviders],
        [.. complaints],
        [.. procurements],
        [.. panelDecisions.OrderBy(d => d.LastWrite).ThenBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Order).Select(d => d.Decision)]);

    private InputKind[] Skip(string fileName, string problem)
    {
        issues.Add(new ImportIssue(fileName, null, null, null, problem));
        return [];
    }

    private void ReadSheet(string fileName, RawSheet sheet, HeaderMap map, DateTime lastWrite)
    {
        foreach (var duplicate in map.Duplicates)
        {
            issues.Add(new ImportIssue(fileName, sheet.Name, map.HeaderRow, duplicate.Header, duplicate.Problem));
        }

        foreach (var row in sheet.Rows.Where(r => r.Number > map.HeaderRow))
        {
            var r = new RowReader(fileName, sheet.Name, map, row, issues);
            switch (map.Kind.Name)
            {
                case "Applications":
                    AddUnique(applications, RowParsers.Application(r), r, a => $"ApplicationId {Q(a.ApplicationId)}", "ApplicationId");
                    break;
                case "FundedProjects":
                    AddUnique(fundedProjects, RowParsers.FundedProject(r), r, p => $"ProjectRef {Q(p.ProjectRef)}", "ProjectRef");
                    break;
                case "ImprovementOptions":
                    AddUnique(improvementOptions, RowParsers.ImprovementOption(r), r, o => $"OptionNo {Q(o.OptionNo)} of ProjectRef {Q(o.ProjectRef)}", "OptionNo");
                    break;
                case "Violations":
                    AddUnique(violations, RowParsers.Violation(r), r, v => $"CaseRef {Q(v.CaseRef)} of authority {Q(TextFolding.Fold(v.Authority ?? ""))}", "CaseRef");
                    break;
                case "RegisterLabels":
                    AddUnique(registerLabels, RowParsers.RegisterLabel(r), r, l => $"Serial {Q(l.Serial)}", "Serial");
                    break;
                case "Titles":
                    AddAll(titles, RowParsers.Title(r));
                    break;
                case "ServiceProviders":
                    AddUnique(serviceProviders, RowParsers.ServiceProvider(r), r, p => $"ProviderId {Q(p.ProviderId)}", "ProviderId");
                    break;
                case "Complaints":
                    AddAll(complaints, RowParsers.Complaint(r));
                    break;
                case "Procurements":
                    AddUnique(procurements, RowParsers.Procurement(r), r, p => $"SupplierFactoryId {Q(p.SupplierFactoryId)} from {p.PeriodFrom:yyyy-MM-dd} for ApplicationId {Q(p.ApplicationId)}", "SupplierFactoryId");
                    break;
                case "PanelDecisions":
                    // Not checked for duplicates: a later decision on the same application replaces the earlier.
                    if (RowParsers.PanelDecision(r) is { } decision)
                    {
                        panelDecisions.Add((lastWrite, fileName, panelDecisions.Count, decision));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No row parser for the input kind {map.Kind.Name}.");
            }
        }
    }

    private static void AddAll<T>(List<T> list, T? record)
        where T : class
    {
        if (record is not null)
        {
            list.Add(record);
        }
    }

    private void AddUnique<T>(List<T> list, T? record, RowReader r, Func<T, string> key, string keyColumn)
        where T : class
    {
        if (record is null)
        {
            return;
        }

        var described = key(record);
        if (keys.TryGetValue(typeof(T).Name + "|" + described, out var first))
        {
            r.Problem(keyColumn, $"{described} appears twice: it was first read in {first}");
            return;
        }

        keys.Add(typeof(T).Name + "|" + described, r.Source);
        list.Add(record);
    }

    private static string Q(string value) => CellValues.Quote(value);
}
