using System.Text.RegularExpressions;
using BatchCycle.Certificates;
using BatchCycle.Pipeline;
using BatchCycle.Templates;
using HandlebarsDotNet;

namespace BatchCycle.Reminders;

/// <summary>A reminder template the secretariat edited cannot be used; the message names the file and line.</summary>
public sealed class ReminderTemplateException(string message) : UserFacingException(message);

/// <summary>A reminder rendered from the templates: one subject, a plain-text body and an HTML body.</summary>
public sealed record RenderedReminder(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// The reminder templates in the templates folder (Handlebars), so the secretariat can reword a reminder
/// without touching code: <c>reminder-subject.hbs</c>, <c>reminder.txt.hbs</c> and <c>reminder.html.hbs</c>, and
/// for holders who read Traditional Chinese <c>reminder-subject.zh-Hant.hbs</c>, <c>reminder.zh-Hant.txt.hbs</c>
/// and <c>reminder.zh-Hant.html.hbs</c> (docs/outputs.md "Languages"; a missing culture file falls back to the
/// default one). Only the HTML body is HTML-escaped; a name mistyped in a template is an error, not a silent blank.
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
        "expiresOn", "opens", "deadline", "awardedOnZh", "expiresOnZh", "opensZh", "deadlineZh", "requirements", "zh", "en",
        "secretariat", "nameZh", "nameEn", "email", "phone", "addressZh", "addressEn",
    ]);

    private readonly IReadOnlyDictionary<HolderScript, (Template Subject, Template Text, Template Html)> sets;

    private ReminderTemplates(IReadOnlyDictionary<HolderScript, (Template Subject, Template Text, Template Html)> sets)
    {
        this.sets = sets;
    }

    public static ReminderTemplates Load(string folder)
    {
        var plain = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        var escaped = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });

        // A file shared by both scripts (no culture file of its own) is compiled once.
        var compiled = new Dictionary<string, Template>(StringComparer.Ordinal);
        Template Compile(IHandlebars handlebars, string name, HolderScript script)
        {
            var path = CultureTemplateFile.Resolve(folder, name, script.CultureName());
            if (!compiled.TryGetValue(path, out var template))
            {
                // The default files are written in Simplified Chinese, the guide's language.
                var own = Path.GetFileName(path) == CultureTemplateFile.NameFor(name, script.CultureName());
                template = Template.Compile(handlebars, path, own ? script : HolderScript.Simplified);
                compiled[path] = template;
            }

            return template;
        }

        return new ReminderTemplates(Enum.GetValues<HolderScript>().ToDictionary(
            script => script,
            script => (Compile(plain, SubjectFile, script), Compile(plain, TextFile, script), Compile(escaped, HtmlFile, script))));
    }

    /// <summary>
    /// The reminder in the holder's script: its own templates, or the default ones where it has none. Each file is
    /// filled with the values <paramref name="model"/> gives for the script it is written in, so that a label's
    /// name never appears in one script inside a sentence of the other.
    /// </summary>
    public RenderedReminder Render(HolderScript script, Func<HolderScript, IReadOnlyDictionary<string, object?>> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (subject, text, html) = sets[script];
        var models = new Dictionary<HolderScript, IReadOnlyDictionary<string, object?>>();
        IReadOnlyDictionary<string, object?> For(Template template)
        {
            if (!models.TryGetValue(template.Script, out var values))
            {
                values = model(template.Script);
                models[template.Script] = values;
            }

            return values;
        }

        return new(
            // A subject is one header line: line breaks a template or a holder name brings in are folded away.
            WhitespaceRun().Replace(subject.Render(For(subject)), " ").Trim(),
            text.Render(For(text)),
            html.Render(For(html)));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    private sealed partial class Template
    {
        private readonly string file;
        private readonly string source;
        private readonly HandlebarsTemplate<object, object> compiled;

        private Template(string file, string source, HandlebarsTemplate<object, object> compiled, HolderScript script)
        {
            Script = script;
            this.file = file;
            this.source = source;
            this.compiled = compiled;
        }

        public HolderScript Script { get; }

        public static Template Compile(IHandlebars handlebars, string path, HolderScript script)
        {
            try
            {
                // The shared reading (a missing file included) and compiling of every template: open tags and blocks, unknown names, syntax.
                var file = TemplateFile.Read(Path.GetDirectoryName(path)!, Path.GetFileName(path));
                return new Template(file.Path, file.Source, file.Compile(handlebars, Vocabulary), script);
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
