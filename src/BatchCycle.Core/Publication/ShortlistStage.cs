using System.Globalization;
using System.Text;
using BatchCycle.Files;
using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Templates;
using HandlebarsDotNet;

namespace BatchCycle.Publication;

/// <summary>
/// The <c>shortlist</c> stage: writes <c>publication/&lt;Year&gt;-shortlist.xlsx</c> and <c>.html</c>, the public
/// shortlist of approved applications (<see cref="Shortlist"/>), the page from <c>templates/shortlist.html</c>.
/// </summary>
public sealed class ShortlistStage : IRunStage<CycleData, ShortlistDocument>, ITemplatedStage
{
    public const string TemplateName = "shortlist.html";

    public string Name => "shortlist";

    public void CheckTemplates(Cycle.BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LoadTemplate(settings.TemplatesFolder());
    }

    /// <param name="input">The records the run imported: the approved applications are listed.</param>
    public async Task<StageResult<ShortlistDocument>> RunAsync(RunContext run, CycleData input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        // The template first: a mistake in it stops the stage before either file is written.
        var template = LoadTemplate(run.Settings.TemplatesFolder());
        var document = Shortlist.Of(run.Calendar.Year, input);
        var year = run.Calendar.Year.ToString(CultureInfo.InvariantCulture);

        var html = template(document);
        WriteWorkbook(run.OutPath("publication", $"{year}-shortlist.xlsx"), document, run.AsOf, cancellationToken);
        var page = run.OutPath("publication", $"{year}-shortlist.html");
        AtomicFile.WriteAllBytes(page, new UTF8Encoding(false).GetBytes(html));
        return StageOutcome.Of([("approved", document.Total), .. document.Groups.Select(g => (g.Code, (long)g.Count))]).With(document);
    }

    /// <summary>Reads and compiles the page template; every value is HTML-escaped.</summary>
    public static HandlebarsTemplate<object, object> LoadTemplate(string templatesFolder) =>
        TemplateFile.Read(templatesFolder, TemplateName).Compile(
            Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true }),
            TemplateVocabulary.Of([], typeof(ShortlistDocument), typeof(ShortlistGroup), typeof(ShortlistEntry)));

    /// <summary>Writes the workbook whole or not at all, so a crash never leaves half a workbook.</summary>
    private static void WriteWorkbook(string path, ShortlistDocument document, DateOnly asOf, CancellationToken cancellationToken) =>
        AtomicFile.Write(path, stream => ShortlistWorkbook.Write(stream, document, new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken));
}
