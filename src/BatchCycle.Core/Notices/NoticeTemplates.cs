using System.Text.RegularExpressions;
using BatchCycle.Reminders;
using BatchCycle.Templates;
using HandlebarsDotNet;

namespace BatchCycle.Notices;

/// <summary>
/// The results-notice templates in the templates folder (Handlebars): <c>notice-subject.hbs</c>,
/// <c>notice.txt.hbs</c> and <c>notice.html.hbs</c>, one letter for the three decisions (<c>{{#if approved}}</c> …),
/// Chinese first, then English. Read through the shared strict check; only the HTML body is HTML-escaped.
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
        "reasons", "requirement", "note", "secretariat", "nameZh", "nameEn", "email", "phone", "addressZh", "addressEn",
    ]);

    private readonly HandlebarsTemplate<object, object> subject;
    private readonly HandlebarsTemplate<object, object> text;
    private readonly HandlebarsTemplate<object, object> html;

    private NoticeTemplates(HandlebarsTemplate<object, object> subject, HandlebarsTemplate<object, object> text, HandlebarsTemplate<object, object> html)
    {
        this.subject = subject;
        this.text = text;
        this.html = html;
    }

    public static NoticeTemplates Load(string folder)
    {
        var plain = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        var escaped = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        return new NoticeTemplates(
            TemplateFile.Read(folder, SubjectFile).Compile(plain, Vocabulary),
            TemplateFile.Read(folder, TextFile).Compile(plain, Vocabulary),
            TemplateFile.Read(folder, HtmlFile).Compile(escaped, Vocabulary));
    }

    public RenderedReminder Render(IReadOnlyDictionary<string, object?> model) => new(
        WhitespaceRun().Replace(subject(model), " ").Trim(),
        text(model),
        html(model));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
