using System.Globalization;
using BatchCycle.Files;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// The run's list of rows and files that could not be read (or decisions that could not be applied), kept in
/// the database and written to <c>results/import-issues.csv</c> as <c>File,Sheet,Row,Column,Problem,ProblemZh</c>:
/// the English columns other tools read, then the problem in the Chinese of <c>BatchCycle:Language</c>.
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
            ProblemMessage = MessageJson.Serialize(i.Message),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<ImportIssue>> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var records = await db.ImportIssues.AsNoTracking()
            .Where(i => i.RunId == run.RunId)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);

        // An issue stored before problems were kept as messages shows its English text in every language.
        return [.. records.Select(i => new ImportIssue(
            i.File,
            i.Sheet,
            i.Row,
            i.Column,
            i.ProblemMessage is { } json ? MessageJson.Deserialize(json) : Message.Of("Text.AsWritten", i.Problem)))];
    }

    /// <summary>Writes every issue of the run so far; later stages call it again after adding their own.</summary>
    public static async Task WriteCsvAsync(RunContext run, CancellationToken cancellationToken)
    {
        var issues = await LoadAsync(run, cancellationToken);
        var chinese = run.Settings.ChineseCulture();
        await CsvOutput.WriteAsync(
            run.OutPath("results", "import-issues.csv"),
            ["File", "Sheet", "Row", "Column", "Problem", "ProblemZh"],
            issues.Select(i => new[] { i.File, i.Sheet, i.Row?.ToString(CultureInfo.InvariantCulture), i.Column, i.Problem, Catalogue.Render(i.Message, chinese) }),
            cancellationToken);
    }
}
