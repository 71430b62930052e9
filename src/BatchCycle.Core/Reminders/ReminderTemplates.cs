using System.Text.RegularExpressions;
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

            var source = File.ReadAllText(path);
            try
            {
                return new Template(path, source, handlebars.Compile(source));
            }
            catch (Exception ex) when (ex is HandlebarsException or InvalidOperationException)
            {
                // Handlebars.Net also reports some malformed blocks as InvalidOperationException.
                throw Error(path, source, ex);
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
            var line = LineOf(source, ex.Message);
            var where = line is null ? path : $"{path}, line {line}";
            return new ReminderTemplateException($"Reminder template {where}: {message}");
        }

        /// <summary>
        /// The line of the mistake: where an unclosed tag opens, or where the parser stopped; for other errors it is
        /// the first line that opens or closes a block wrongly, or that uses the name the error quotes.
        /// </summary>
        private static int? LineOf(string source, string message)
        {
            // The parser reports an unclosed tag at the end of the file; the line that opened it is the useful one.
            var lastOpen = source.LastIndexOf("{{", StringComparison.Ordinal);
            if (lastOpen >= 0 && source.IndexOf("}}", lastOpen, StringComparison.Ordinal) < 0)
            {
                return source[..lastOpen].Count(c => c == '\n') + 1;
            }

            if (ParserPosition().Match(message) is { Success: true } position)
            {
                return int.Parse(position.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (UnbalancedBlockLine(source) is { } unbalanced)
            {
                return unbalanced;
            }

            var name = QuotedName().Match(message) is { Success: true } quoted ? quoted.Groups[1].Value
                : UndefinedName().Match(message) is { Success: true } undefined ? undefined.Groups[1].Value
                : null;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var lines = source.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match tag in Tag().Matches(lines[i]))
                {
                    if (tag.Groups[1].Value.Contains(name, StringComparison.Ordinal))
                    {
                        return i + 1;
                    }
                }
            }

            return null;
        }

        /// <summary>The line of the first block tag that closes nothing open, opens with no argument, or is never closed.</summary>
        private static int? UnbalancedBlockLine(string source)
        {
            var open = new Stack<(string Name, int Line)>();
            var lines = source.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match tag in BlockTag().Matches(lines[i]))
                {
                    var name = tag.Groups[2].Value;
                    if (tag.Groups[1].Value == "#")
                    {
                        if (string.IsNullOrWhiteSpace(tag.Groups[3].Value))
                        {
                            return i + 1;
                        }

                        open.Push((name, i + 1));
                    }
                    else if (open.Count == 0 || open.Pop().Name != name)
                    {
                        return i + 1;
                    }
                }
            }

            return open.Count > 0 ? open.Peek().Line : null;
        }

        [GeneratedRegex(@"Occured at:\s*(\d+):\d+")]
        private static partial Regex ParserPosition();

        [GeneratedRegex(@"'([^']+)'")]
        private static partial Regex QuotedName();

        [GeneratedRegex(@"^\s*(\S+) is undefined")]
        private static partial Regex UndefinedName();

        [GeneratedRegex(@"\{\{~?([^}]*)\}\}")]
        private static partial Regex Tag();

        [GeneratedRegex(@"\{\{~?\s*([#/])\s*([\w.-]+)([^}]*)\}\}")]
        private static partial Regex BlockTag();
    }
}
