using System.Text.RegularExpressions;
using BatchCycle.Certificates;
using BatchCycle.Reminders;
using BatchCycle.Templates;
using HandlebarsDotNet;

namespace BatchCycle.Notices;

/// <summary>
/// The results-notice templates in the templates folder (Handlebars): <c>notice-subject.hbs</c>,
/// <c>notice.txt.hbs</c> and <c>notice.html.hbs</c>, one letter for the three decisions (<c>{{#if approved}}</c> …),
/// Chinese first, then English. The default files are in Simplified Chinese; <c>notice.zh-Hant.*</c> beside them
/// are the letters for holders who read Traditional Chinese (docs/outputs.md "Languages"). Read through the shared
/// strict check; only the HTML body is HTML-escaped.
/// </summary>
public sealed partial class NoticeTemplates
{
    public const string SubjectFile = "notice-subject.hbs";
    public const string TextFile = "notice.txt.hbs";
    public const string HtmlFile = "notice.html.hbs";

    /// <summary>The values NoticeDraftStage gives the templates, at any depth.</summary>
    private static readonly TemplateVocabulary Vocabulary = TemplateVocabulary.Of([],
    [
        "decision", "approved", "rejected", "deferred", "correction", "applicationId", "year", "labelTypeCode", "labelTypeZh",
        "labelTypeEn", "holderName", "holderNameEn", "contactName", "remarks", "serial", "awardedOn", "expiresOn", "awardedOnZh", "expiresOnZh", "verifyUrl",
        "reasons", "requirement", "note", "noteZh", "noteEn", "secretariat", "nameZh", "nameEn", "email", "phone", "addressZh", "addressEn",
    ]);

    private readonly IReadOnlyDictionary<HolderScript, (Part Subject, Part Text, Part Html)> sets;

    private NoticeTemplates(IReadOnlyDictionary<HolderScript, (Part Subject, Part Text, Part Html)> sets)
    {
        this.sets = sets;
    }

    public static NoticeTemplates Load(string folder)
    {
        var plain = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        var escaped = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        var compiled = new Dictionary<string, Part>(StringComparer.Ordinal);
        Part Compile(IHandlebars handlebars, string name, HolderScript script)
        {
            var path = CultureTemplateFile.Resolve(folder, name, script.CultureName());
            if (!compiled.TryGetValue(path, out var part))
            {
                // A script without a file of its own gets the default one, which is written in Simplified Chinese.
                var own = Path.GetFileName(path) == CultureTemplateFile.NameFor(name, script.CultureName());
                var template = TemplateFile.Read(Path.GetDirectoryName(path)!, Path.GetFileName(path)).Compile(handlebars, Vocabulary);
                part = new Part(template, own ? script : HolderScript.Simplified);
                compiled[path] = part;
            }

            return part;
        }

        return new NoticeTemplates(Enum.GetValues<HolderScript>().ToDictionary(
            script => script,
            script => (Compile(plain, SubjectFile, script), Compile(plain, TextFile, script), Compile(escaped, HtmlFile, script))));
    }

    /// <summary>The notice of a holder reading <paramref name="script"/>; each file gets the model in the script it is written in.</summary>
    public RenderedReminder Render(HolderScript script, Func<HolderScript, IReadOnlyDictionary<string, object?>> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (subject, text, html) = sets[script];
        return new(
            WhitespaceRun().Replace(subject.Template(model(subject.Script)), " ").Trim(),
            text.Template(model(text.Script)),
            html.Template(model(html.Script)));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    /// <summary>One compiled file and the script its Chinese is written in.</summary>
    private sealed record Part(HandlebarsTemplate<object, object> Template, HolderScript Script);
}
