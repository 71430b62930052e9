using System.Text.RegularExpressions;
using BatchCycle.Templates;
using HandlebarsDotNet;

namespace BatchCycle.Reminders;

/// <summary>A reminder template the secretariat edited cannot be used; the message names the file and line.</summary>
public sealed class ReminderTemplateException(string message) : Runs.UserFacingException(message);

/// <summary>A reminder rendered from the templates: one subject, a plain-text body and an HTML body.</summary>
public sealed record RenderedReminder(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// The reminder templates in the templates folder (Handlebars), so the secretariat can reword a reminder
/// without touching code: <c>reminder-subject.hbs</c>, <c>reminder.txt.hbs</c> and <c>reminder.html.hbs</c>.
/// Only the HTML body is HTML-escaped; a name mistyped in a template is an error, not a silent blank.
/// </summary>
public sealed partial class ReminderTemplates
{
    public const string SubjectFile = "reminder-subject.hbs";
    public const string TextFile = "reminder.txt.hbs";
    public const string HtmlFile = "reminder.html.hbs";

    /// <summary>
    /// The values the reminder templates are given (ReminderDraftStage builds them), at any depth: a template
    /// naming anything else is refused when loaded, before a run writes anything.
    /// </summary>
    private static readonly TemplateVocabulary Vocabulary = TemplateVocabulary.Of([],
    [
        "round", "year", "serial", "labelTypeCode", "labelTypeZh", "labelTypeEn", "holderName", "contactName", "awardedOn",
        "expiresOn", "opens", "deadline", "requirements", "zh", "en",
        "secretariat", "nameZh", "nameEn", "email", "phone", "addressZh", "addressEn",
    ]);

    private readonly Template subject;
    private readonly Template text;
    private readonly Template html;

    private ReminderTemplates(Template subject, Template text, Template html)
    {
        this.subject = subject;
        this.text = text;
        this.html = html;
    }

    public static ReminderTemplates Load(string folder)
    {
        var plain = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        var escaped = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        return new ReminderTemplates(
            Template.Compile(plain, folder, SubjectFile),
            Template.Compile(plain, folder, TextFile),
            Template.Compile(escaped, folder, HtmlFile));
    }

    public RenderedReminder Render(IReadOnlyDictionary<string, object?> model) => new(
        // A subject is one header line: line breaks a template or a holder name brings in are folded away.
        WhitespaceRun().Replace(subject.Render(model), " ").Trim(),
        text.Render(model),
        html.Render(model));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    private sealed partial class Template
    {
        private readonly string file;
        private readonly string source;
        private readonly HandlebarsTemplate<object, object> compiled;

        private Template(string file, string source, HandlebarsTemplate<object, object> compiled)
        {
            this.file = file;
            this.source = source;
            this.compiled = compiled;
        }

        public static Template Compile(IHandlebars handlebars, string folder, string name)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                throw new ReminderTemplateException($"The reminder template {path} is missing (the templates folder is set by BatchCycle:Templates).");
            }

            try
            {
                // The shared reading and compiling of every template: open tags and blocks, unknown names, syntax.
                var file = TemplateFile.Read(folder, name);
                return new Template(file.Path, file.Source, file.Compile(handlebars, Vocabulary));
            }
            catch (TemplateFileException ex)
            {
                throw new ReminderTemplateException(ex.Message);
            }
        }

        public string Render(object model)
        {
            try
            {
                return compiled(model);
            }
            catch (Exception ex) when (ex is HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException)
            {
                throw Error(file, source, ex);
            }
        }

        private static ReminderTemplateException Error(string path, string source, Exception ex)
        {
            var message = ex.Message.Split("\n", 2)[0].Trim();
            var line = TemplateErrorLine.Find(source, ex.Message);
            var where = line is null ? "" : $" at line {line}";
            return new ReminderTemplateException($"The template {path} has an error{where}: {message}");
        }
    }
}
