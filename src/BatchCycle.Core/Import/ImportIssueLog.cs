using System.Globalization;
using System.Text;
using BatchCycle.Runs;
using BatchCycle.Storage;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// The run's list of rows and files that could not be read (or decisions that could not be applied), kept in
/// the database and written to <c>results/import-issues.csv</c> as <c>File,Sheet,Row,Column,Problem</c>.
/// </summary>
public static class ImportIssueLog
{
    public static async Task AddAsync(RunContext run, IEnumerable<ImportIssue> issues, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        db.ImportIssues.AddRange(issues.Select(i => new ImportIssueRecord
        {
            RunId = run.RunId,
            File = i.File,
            Sheet = i.Sheet,
            Row = i.Row,
            Column = i.Column,
            Problem = i.Problem,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<ImportIssue>> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        return await db.ImportIssues.AsNoTracking()
            .Where(i => i.RunId == run.RunId)
            .OrderBy(i => i.Id)
            .Select(i => new ImportIssue(i.File, i.Sheet, i.Row, i.Column, i.Problem))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Writes every issue of the run so far; later stages call it again after adding their own.</summary>
    public static async Task WriteCsvAsync(RunContext run, CancellationToken cancellationToken)
    {
        var issues = await LoadAsync(run, cancellationToken);
        var path = run.OutPath("results", "import-issues.csv");
        // UTF-8 with BOM so that Excel shows the Chinese file names and messages correctly.
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("File");
        csv.WriteField("Sheet");
        csv.WriteField("Row");
        csv.WriteField("Column");
        csv.WriteField("Problem");
        await csv.NextRecordAsync();
        foreach (var issue in issues)
        {
            csv.WriteField(issue.File);
            csv.WriteField(issue.Sheet);
            csv.WriteField(issue.Row);
            csv.WriteField(issue.Column);
            csv.WriteField(issue.Problem);
            await csv.NextRecordAsync();
        }
    }
}
