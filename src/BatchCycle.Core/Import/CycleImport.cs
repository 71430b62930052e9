using System.Runtime.CompilerServices;
using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// Reads a cycle's input files one after the other into the records of every kind, collecting the problems
/// found. Keys are unique within a file (the first row read wins); across files, which are given in upload
/// order, a later file's row replaces the earlier one with the same key (<see cref="KeyedRecords{T, TKey}"/>).
/// Panel decisions are kept in the order the panel returned them: files by last-write time then name, rows in
/// order, so that a later decision replaces an earlier one downstream.
/// <para>
/// Rows are parsed in chunks on the thread pool while the file is still being read, and the chunks are
/// added in file order, so the records, the keys that win and the order of the issues are those of a reading
/// row by row; a whole-region cycle has millions of rows and parsing their values is most of the import's work.
/// </para>
/// </summary>
public sealed class CycleImport
{
    /// <summary>The panel workbook's own sheets that are not input: skipped silently beside its decision sheets.</summary>
    private static readonly string[] PanelWorkbookSheets = [TextFolding.Key("Summary"), TextFolding.Key("Requirements 要求"), TextFolding.Key("Import issues")];

    /// <summary>Rows parsed as one piece of work: large enough to outweigh handing it over, small enough to keep little in memory.</summary>
    private const int ChunkRows = 2048;

    /// <summary>
    /// The most a chunk's records take: an array from 85,000 bytes on is on the large object heap, which only a
    /// full collection frees, and the projects and options are values laid inline in it (a chunk of 2048 projects
    /// would be a quarter of a megabyte).
    /// </summary>
    private const int ChunkRecordBytes = 80_000;

    /// <summary>Chunks parsed ahead of the one being added: enough to keep every core busy.</summary>
    private static readonly int ChunksAhead = Math.Max(2, Environment.ProcessorCount * 2);

    private readonly StringCache strings = new();
    private readonly List<ImportIssue> issues = [];
    private readonly List<(DateTime LastWrite, string File, int Order, PanelDecision Decision)> panelDecisions = [];
    private readonly ImportNotices notices = new();
    private readonly Dictionary<string, IKindReader> readers;
    private readonly KeyedRecords<Application, string> applications;
    private readonly KeyedRecords<FundedProject, string> fundedProjects;
    private readonly KeyedRecords<ImprovementOption, (string, string)> improvementOptions;
    private readonly KeyedRecords<Violation, (string, string)> violations;
    private readonly KeyedRecords<RegisterLabel, string> registerLabels;
    private readonly KeyedRecords<Title, (string, TitleType, string, DateOnly)> titles;
    private readonly KeyedRecords<ServiceProvider, string> serviceProviders;
    private readonly KeyedRecords<Complaint, (string, string)> complaints;
    private readonly KeyedRecords<ProcurementDeclaration, (string, DateOnly, string)> procurements;

    /// <summary>The ordinal of the file being read: rows of one file are told from rows of another by it, not by name.</summary>
    private int fileOrdinal;

    public CycleImport()
    {
        applications = Keyed<Application, string>(a => a.ApplicationId, a => $"ApplicationId {Q(a.ApplicationId)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "ApplicationId");
        fundedProjects = Keyed<FundedProject, string>(p => p.ProjectRef, p => $"ProjectRef {Q(p.ProjectRef)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "ProjectRef");
        improvementOptions = Keyed<ImprovementOption, (string, string)>(o => (o.ProjectRef, o.OptionNo), o => $"OptionNo {Q(o.OptionNo)} of ProjectRef {Q(o.ProjectRef)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "OptionNo");
        violations = Keyed<Violation, (string, string)>(v => (v.CaseRef, TextFolding.Fold(v.Authority ?? "")), v => $"CaseRef {Q(v.CaseRef)} of authority {Q(TextFolding.Fold(v.Authority ?? ""))}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "CaseRef");
        registerLabels = Keyed<RegisterLabel, string>(l => l.Serial, l => $"Serial {Q(l.Serial)}", r => r.Source, (a, b) => a with { Source = b.Source, EvidenceRefs = b.EvidenceRefs } == b && a.EvidenceRefs.SequenceEqual(b.EvidenceRefs), "Serial");

        // Titles and complaints have no key column of their own (docs/inputs.md): a title is its factory, type, number and
        // date of issue, a complaint its provider and reference (or date and kind when it has none).
        titles = Keyed<Title, (string, TitleType, string, DateOnly)>(t => (t.FactoryId, t.TitleType, t.CertificateNo ?? "", t.IssuedOn), t => $"title {t.TitleType} {Q(t.CertificateNo ?? "")} of FactoryId {Q(t.FactoryId)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "FactoryId", rejectWithinFile: false);
        serviceProviders = Keyed<ServiceProvider, string>(p => p.ProviderId, p => $"ProviderId {Q(p.ProviderId)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "ProviderId");
        complaints = Keyed<Complaint, (string, string)>(c => (c.ProviderId, c.Ref ?? $"{Days.Iso(c.ReceivedOn)} {c.Kind}"), c => $"complaint {Q(c.Ref ?? Days.Iso(c.ReceivedOn))} of ProviderId {Q(c.ProviderId)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "ProviderId", rejectWithinFile: false);
        procurements = Keyed<ProcurementDeclaration, (string, DateOnly, string)>(p => (p.SupplierFactoryId, p.PeriodFrom, p.ApplicationId), p => $"SupplierFactoryId {Q(p.SupplierFactoryId)} from {Days.Iso(p.PeriodFrom)} for ApplicationId {Q(p.ApplicationId)}", r => r.Source, (a, b) => a with { Source = b.Source } == b, "SupplierFactoryId");
        readers = new Dictionary<string, IKindReader>(StringComparer.Ordinal)
        {
            ["Applications"] = Kind(applications, RowParsers.Application),
            ["FundedProjects"] = ValueKind(fundedProjects, RowParsers.FundedProject),
            ["ImprovementOptions"] = ValueKind(improvementOptions, RowParsers.ImprovementOption),
            ["Violations"] = Kind(violations, RowParsers.Violation),
            ["RegisterLabels"] = Kind(registerLabels, RowParsers.RegisterLabel),
            ["Titles"] = Kind(titles, RowParsers.Title),
            ["ServiceProviders"] = Kind(serviceProviders, RowParsers.ServiceProvider),
            ["Complaints"] = Kind(complaints, RowParsers.Complaint),
            ["Procurements"] = Kind(procurements, RowParsers.Procurement),
        };
    }

    /// <summary>How one input kind's rows become records and are kept.</summary>
    private interface IKindReader
    {
        /// <summary>How many rows are parsed as one piece of work.</summary>
        int ChunkRows { get; }

        /// <summary>Parses rows, on any thread: each row's record, or its problems when the row was rejected.</summary>
        ParsedChunk Parse(SheetRows sheet, List<RawRow> rows);
    }

    /// <summary>The problems and the notices, in the order of the files and rows they concern.</summary>
    public IReadOnlyList<ImportIssue> Issues => issues;

    /// <summary>How many of <see cref="Issues"/> are notices (a row replaced by a later file's, a row read twice) rather than problems.</summary>
    public ImportNotices Notices => notices;

    /// <summary>Reads one file; returns the kinds recognised in it (none when it could not be read).</summary>
    public IReadOnlyList<InputKind> ReadFile(string fileName, byte[] content, DateTime lastWrite, CancellationToken cancellationToken) =>
        ReadFile(Open(fileName, content, cancellationToken), lastWrite);

    /// <summary>
    /// A file's sheets, or why it is passed over, read apart from the import's state, so that the next file may be
    /// opened on another core while this one's rows are kept. A workbook's rows are all read here, a CSV file's only
    /// as they are enumerated.
    /// </summary>
    public static OpenedFile Open(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        return NotRead(fileName, Path.GetExtension(fileName).ToLowerInvariant(), content.LongLength) is { } reason
            ? new(fileName, RawFile.Failed(reason), PassedOver: true)
            : new(fileName, IsWorkbook(fileName) ? WorkbookFile.Read(content, cancellationToken) : CsvFile.Read(fileName, content, cancellationToken), PassedOver: false);
    }

    /// <summary>
    /// A CSV file (not <see cref="IsWorkbook"/>) of <paramref name="size"/> bytes, read from <paramref name="open"/>
    /// as its rows are enumerated rather than from its bytes in memory (<see cref="CsvFile.Read(string, Func{Stream}, CancellationToken)"/>).
    /// </summary>
    public static OpenedFile OpenCsv(string fileName, long size, Func<Stream> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(open);
        if (IsWorkbook(fileName))
        {
            throw new ArgumentException($"'{fileName}' is a workbook, which is read from its bytes.", nameof(fileName));
        }

        return NotRead(fileName, Path.GetExtension(fileName).ToLowerInvariant(), size) is { } reason
            ? new(fileName, RawFile.Failed(reason), PassedOver: true)
            : new(fileName, CsvFile.Read(fileName, open, cancellationToken), PassedOver: false);
    }

    /// <summary>Whether the file is opened as a workbook (<see cref="Open"/> then reads all its rows) rather than as CSV.</summary>
    public static bool IsWorkbook(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".xls";

    /// <summary>Reads the rows of a file <see cref="Open"/> gave; returns the kinds recognised in it (none when it could not be read).</summary>
    public IReadOnlyList<InputKind> ReadFile(OpenedFile opened, DateTime lastWrite)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var (fileName, file, passedOver) = opened;
        if (passedOver)
        {
            return Skip(fileName, file.Failure!);
        }

        fileOrdinal++;
        if (file.Failure is not null)
        {
            return Skip(fileName, file.Failure);
        }

        // Problems of whole sheets are listed before those of the rows, as the user reads a file: from the top.
        var firstIssue = issues.Count;
        var recognised = new List<InputKind>();
        var unrecognised = new List<(RawSheet Sheet, HeaderSearch Search)>();
        var sheetsWithRows = 0;
        foreach (var sheet in file.Sheets)
        {
            using var rows = sheet.Rows.GetEnumerator();
            var head = new List<RawRow>();
            while (head.Count <= HeaderMatch.SearchRows && rows.MoveNext())
            {
                head.Add(rows.Current);
            }

            if (head.Count == 0)
            {
                continue;
            }

            sheetsWithRows++;
            var search = HeaderMatch.Find(head);
            if (search.Map is not { } map)
            {
                unrecognised.Add((sheet, search));
                continue;
            }

            recognised.Add(map.Kind);
            ReadSheet(fileName, sheet, map, head, rows, lastWrite);
        }

        issues.InsertRange(firstIssue, SheetIssues(fileName, recognised, unrecognised, sheetsWithRows));
        return [.. recognised.Distinct()];
    }

    /// <summary>Why a file is passed over before it is opened (an Excel lock file, not a spreadsheet, empty), or null.</summary>
    private static Message? NotRead(string fileName, string extension, long size) =>
        fileName.StartsWith("~$", StringComparison.Ordinal) ? Message.Of("Import.LockFile")
        : extension is not (".xlsx" or ".xls" or ".csv") ? Message.Of("Import.NotSpreadsheet")
        : size == 0 ? Message.Of("Import.EmptyFile")
        : null;

    /// <summary>
    /// The problems of whole sheets of a file: sheets of no input kind (except the sheets of a panel workbook
    /// besides its decisions), or a file without any row.
    /// </summary>
    private static List<ImportIssue> SheetIssues(string fileName, List<InputKind> recognised, List<(RawSheet Sheet, HeaderSearch Search)> unrecognised, int sheetsWithRows)
    {
        var isPanelWorkbook = recognised.Contains(InputKinds.PanelDecisions);
        var sheetIssues = new List<ImportIssue>();
        foreach (var (sheet, search) in unrecognised)
        {
            if (isPanelWorkbook && PanelWorkbookSheets.Contains(TextFolding.Key(sheet.Name)))
            {
                continue;
            }

            var problem = recognised.Count > 0
                ? Message.Of("Import.SheetNotRead")
                : search.Problem!;
            sheetIssues.Add(new ImportIssue(fileName, sheet.Name, null, null, problem));
        }

        if (sheetsWithRows == 0)
        {
            sheetIssues.Add(new ImportIssue(fileName, null, null, null, Message.Of("Import.NoRows")));
        }

        return sheetIssues;
    }

    /// <summary>Everything read so far.</summary>
    public CycleData ToCycleData() => new(
        applications.Kept(),
        fundedProjects.Kept(),
        improvementOptions.Kept(),
        violations.Kept(),
        registerLabels.Kept(),
        titles.Kept(),
        serviceProviders.Kept(),
        complaints.Kept(),
        procurements.Kept(),
        [.. panelDecisions.OrderBy(d => d.LastWrite).ThenBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Order).Select(d => d.Decision)]);

    private InputKind[] Skip(string fileName, Message problem)
    {
        issues.Add(new ImportIssue(fileName, null, null, null, problem));
        return [];
    }

    private void ReadSheet(string fileName, RawSheet sheet, HeaderMap map, List<RawRow> head, IEnumerator<RawRow> rest, DateTime lastWrite)
    {
        foreach (var duplicate in map.Duplicates)
        {
            issues.Add(new ImportIssue(fileName, sheet.Name, map.HeaderRow, duplicate.Header, duplicate.Problem));
        }

        var reader = map.Kind == InputKinds.PanelDecisions
            ? new PanelDecisionsOf(panelDecisions, fileName, lastWrite)
            : readers.GetValueOrDefault(map.Kind.Name) ?? throw new InvalidOperationException($"No row parser for the input kind {map.Kind.Name}.");
        var rowsOf = new SheetRows(fileName, sheet.Name, map, strings);
        var pending = new Queue<Task<ParsedChunk>>();
        var chunk = new List<RawRow>(reader.ChunkRows);
        foreach (var row in Remaining(head, rest).Where(r => r.Number > map.HeaderRow))
        {
            chunk.Add(row);
            if (chunk.Count == reader.ChunkRows)
            {
                var full = chunk;
                pending.Enqueue(Task.Run(() => reader.Parse(rowsOf, full)));
                chunk = new List<RawRow>(reader.ChunkRows);
                if (pending.Count > ChunksAhead)
                {
                    pending.Dequeue().GetAwaiter().GetResult().AddTo(issues);
                }
            }
        }

        pending.Enqueue(Task.FromResult(reader.Parse(rowsOf, chunk)));
        while (pending.Count > 0)
        {
            pending.Dequeue().GetAwaiter().GetResult().AddTo(issues);
        }

        if (sheet.Failure is { Problem: { } problem, Row: var stoppedAt })
        {
            issues.Add(new ImportIssue(fileName, sheet.Name, stoppedAt, null, problem));
        }
    }

    private static IEnumerable<RawRow> Remaining(List<RawRow> head, IEnumerator<RawRow> rest)
    {
        foreach (var row in head)
        {
            yield return row;
        }

        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }

    /// <summary>The sheet a chunk's rows are read from, as each row's reader needs it.</summary>
    private sealed record SheetRows(string FileName, string SheetName, HeaderMap Map, StringCache Strings);

    /// <summary>A chunk's rows and the problems found in them, in row order (row i's end at <c>issuesEnd[i]</c>).</summary>
    private abstract class ParsedChunk(RowReader[] rows, List<ImportIssue> chunkIssues, int[] issuesEnd)
    {
        /// <summary>Adds the chunk's problems to <paramref name="issues"/> and keeps its records, row by row.</summary>
        public void AddTo(List<ImportIssue> issues)
        {
            var start = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                for (; start < issuesEnd[i]; start++)
                {
                    issues.Add(chunkIssues[start]);
                }

                if (Keep(i, rows[i]) is { } duplicate)
                {
                    issues.Add(duplicate);
                }
            }
        }

        /// <summary>Keeps the record of the chunk's i-th row if it gave one; the problem that rejects it instead (a key read before), or null.</summary>
        protected abstract ImportIssue? Keep(int i, RowReader row);
    }

    /// <summary>
    /// A chunk's records typed by their kind, so that a record held as a value (a project, an option) is not boxed:
    /// a box per row would be millions of short-lived objects again.
    /// </summary>
    private sealed class ParsedChunk<T>(RowReader[] rows, List<ImportIssue> chunkIssues, int[] issuesEnd, T[] records, bool[] read, Func<T, RowReader, ImportIssue?> keep)
        : ParsedChunk(rows, chunkIssues, issuesEnd)
    {
        protected override ImportIssue? Keep(int i, RowReader row) => read[i] ? keep(records[i], row) : null;
    }

    /// <param name="parse">The row's record, or false when the row was rejected (its problems are then reported).</param>
    /// <param name="keep">Keeps a parsed record; the problem that rejects it instead, or null.</param>
    private static ParsedChunk<T> ParseRows<T>(SheetRows sheet, List<RawRow> rows, Func<RowReader, (bool Read, T Record)> parse, Func<T, RowReader, ImportIssue?> keep)
    {
        var issues = new List<ImportIssue>();
        var readers = new RowReader[rows.Count];
        var records = new T[rows.Count];
        var read = new bool[rows.Count];
        var ends = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            readers[i] = new RowReader(sheet.FileName, sheet.SheetName, sheet.Map, rows[i], issues, sheet.Strings);
            (read[i], records[i]) = parse(readers[i]);
            ends[i] = issues.Count;
        }

        return new ParsedChunk<T>(readers, issues, ends, records, read, keep);
    }

    private static KeyedRecords<T, TKey> Keyed<T, TKey>(Func<T, TKey> key, Func<T, string> describe, Func<T, SourceRow?> source, Func<T, T, bool> sameRecord, string keyColumn, bool rejectWithinFile = true)
        where TKey : notnull
        => new(key, describe, source, sameRecord, keyColumn, rejectWithinFile);

    private KindOf<T, TKey> Kind<T, TKey>(KeyedRecords<T, TKey> records, Func<RowReader, T?> parse)
        where T : class
        where TKey : notnull
        => new(this, records, row => parse(row) is { } record ? (true, record) : (false, default!));

    private KindOf<T, TKey> ValueKind<T, TKey>(KeyedRecords<T, TKey> records, Func<RowReader, T?> parse)
        where T : struct
        where TKey : notnull
        => new(this, records, row => parse(row) is { } record ? (true, record) : (false, default));

    /// <summary>A kind's rows parsed and kept by key, in the file being read.</summary>
    private sealed class KindOf<T, TKey>(CycleImport import, KeyedRecords<T, TKey> records, Func<RowReader, (bool Read, T Record)> parse) : IKindReader
        where TKey : notnull
    {
        public int ChunkRows { get; } = Math.Min(CycleImport.ChunkRows, ChunkRecordBytes / Unsafe.SizeOf<T>());

        public ParsedChunk Parse(SheetRows sheet, List<RawRow> rows) => ParseRows(sheet, rows, parse, Keep);

        private ImportIssue? Keep(T record, RowReader row) => records.Add(record, row, import.fileOrdinal, import.notices);
    }

    /// <summary>Not checked for duplicates: a later decision on the same application replaces the earlier.</summary>
    private sealed class PanelDecisionsOf(List<(DateTime LastWrite, string File, int Order, PanelDecision Decision)> decisions, string fileName, DateTime lastWrite) : IKindReader
    {
        public int ChunkRows => CycleImport.ChunkRows;

        public ParsedChunk Parse(SheetRows sheet, List<RawRow> rows) =>
            ParseRows<PanelDecision>(sheet, rows, row => RowParsers.PanelDecision(row) is { } decision ? (true, decision) : (false, default!), Keep);

        private ImportIssue? Keep(PanelDecision decision, RowReader row)
        {
            decisions.Add((lastWrite, fileName, decisions.Count, decision));
            return null;
        }
    }

    private static string Q(string value) => CellValues.Quote(value);
}

/// <summary>A file as <see cref="CycleImport.Open"/> read it: its sheets, or (<paramref name="PassedOver"/>) why it is not a spreadsheet to read.</summary>
public sealed record OpenedFile(string FileName, RawFile File, bool PassedOver);
