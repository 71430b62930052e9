using System.Globalization;
using System.Text;
using BatchCycle.Import;
using BatchCycle.Pipeline;
using BatchCycle.Samples;
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

    private static readonly SampleColumn[] FactoryColumns =
    [
        new("序号 No."),
        new("申请公司 Company (中文)"),
        new("Company (English) 英文名称"),
        new("工厂 Factory"),
        new("工厂所在城市 City"),
    ];

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
        await File.WriteAllTextAsync(page + ".tmp", html, new UTF8Encoding(false), cancellationToken);
        File.Move(page + ".tmp", page, overwrite: true);
        return StageOutcome.Of([("approved", document.Total), .. document.Groups.Select(g => (g.Code, (long)g.Count))]).With(document);
    }

    /// <summary>Reads and compiles the page template; every value is HTML-escaped.</summary>
    public static HandlebarsTemplate<object, object> LoadTemplate(string templatesFolder) =>
        TemplateFile.Read(templatesFolder, TemplateName).Compile(
            Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true }),
            TemplateVocabulary.Of([], typeof(ShortlistDocument), typeof(ShortlistGroup), typeof(ShortlistEntry)));

    /// <summary>One sheet per label type, bilingual headings, names as text only: what is posted is what the panel approved.</summary>
    private static void WriteWorkbook(string path, ShortlistDocument document, DateOnly asOf, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        using (var writer = new XlsxSampleWriter(temporary, new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)))
        {
            foreach (var group in document.Groups)
            {
                var columns = group.HasFactory ? FactoryColumns : FactoryColumns[..3];
                var rows = group.Entries.Select(e => group.HasFactory
                    ? new object?[] { e.No, e.HolderName, e.HolderNameEn, e.FactoryName, e.FactoryCity }
                    : [e.No, e.HolderName, e.HolderNameEn]);
                writer.AddTable($"{group.Code} {SheetName(group.Code)}", columns, SheetStyle.Plain(false), rows, cancellationToken);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Short Chinese sheet names (Excel allows 31 characters; the full names are in the headings of the page).</summary>
    private static string SheetName(string code) => code switch
    {
        "M" => "制造业伙伴 Manufacturing",
        "E" => "制造业优越伙伴 Outstanding",
        "S" => "供应链伙伴 Supply Chain",
        _ => "技术服务伙伴 Technical Service",
    };
}
