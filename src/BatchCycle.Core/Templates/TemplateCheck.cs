using System.Reflection;
using System.Text.RegularExpressions;

namespace BatchCycle.Templates;

/// <summary>
/// What a template may use: the names of the values it is given (at any depth) and the helpers registered for it.
/// </summary>
public sealed record TemplateVocabulary(IReadOnlySet<string> Values, IReadOnlySet<string> Helpers)
{
    /// <summary>The public property names of the model's types, e.g. the document and the type of its items.</summary>
    public static TemplateVocabulary Of(IEnumerable<string> helpers, params Type[] modelTypes) => new(
        modelTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
        helpers.ToHashSet(StringComparer.Ordinal));

    public static TemplateVocabulary Of(IEnumerable<string> helpers, IEnumerable<string> values) =>
        new(values.ToHashSet(StringComparer.Ordinal), helpers.ToHashSet(StringComparer.Ordinal));
}

/// <summary>
/// Reads a template before Handlebars.Net compiles it, because Handlebars.Net lets three mistakes through or
/// reports them in the wrong place: a tag left open in the middle of the file (<c>{{serial</c> … <c>{{expiresOn}}</c>
/// is taken as one odd tag and renders as nothing), a misspelled value (a blank), and a block left open (reported
/// where the file or the enclosing block ends). Each is reported at the line where the broken tag opened, naming it.
/// </summary>
public static partial class TemplateCheck
{
    private static readonly HashSet<string> BlockHelpers = new(StringComparer.Ordinal) { "if", "unless", "each", "with" };
    private static readonly HashSet<string> Literals = new(StringComparer.Ordinal) { "true", "false", "null", "undefined", "this", "else" };

    /// <returns>The line and the problem of the first mistake, or null when the template reads cleanly.</returns>
    public static (int Line, string Problem)? FirstMistake(string source, TemplateVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(vocabulary);

        // Comments may quote tags (the shipped templates' help texts do): blanked, keeping the lines.
        var text = Comment().Replace(source, c => new string('\n', c.Value.AsSpan().Count('\n')));
        var open = new Stack<(string Name, string Tag, int Line)>();
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var line = LineAt(text, at);
            var triple = at + 2 < text.Length && text[at + 2] == '{';
            var start = at + (triple ? 3 : 2);
            var end = text.IndexOf(triple ? "}}}" : "}}", start, StringComparison.Ordinal);
            var next = text.IndexOf("{{", start, StringComparison.Ordinal);
            if (end < 0 || (next >= 0 && next < end))
            {
                var opened = FirstWord().Match(text, start).Value;
                return (line, $"the tag \"{{{{{opened}\" opened here is not closed with \"}}}}\"");
            }

            var tag = text[at..(end + (triple ? 3 : 2))];
            var problem = Tag(text[start..end].Trim().Trim('~').Trim(), tag, line, open, vocabulary);
            if (problem is not null)
            {
                return problem;
            }

            at = end + 2;
        }

        return open.Count > 0 ? (open.Peek().Line, $"{open.Peek().Tag} is opened here and never closed with {{{{/{open.Peek().Name}}}}}") : null;
    }

    private static (int Line, string Problem)? Tag(string content, string tag, int line, Stack<(string Name, string Tag, int Line)> open, TemplateVocabulary vocabulary)
    {
        if (content.Length == 0)
        {
            return (line, $"{tag} is empty");
        }

        var kind = content[0];
        if (kind == '/')
        {
            var name = content[1..].Trim();
            if (open.Count == 0)
            {
                return (line, $"{tag} closes no block");
            }

            var (openName, openTag, openLine) = open.Pop();
            return openName == name ? null : (openLine, $"{openTag} opened here is not closed before {tag} at line {line}");
        }

        if (kind is '#' or '^')
        {
            var words = Words(content[1..]);
            if (words.Count == 0)
            {
                return kind == '^' ? null : (line, $"{tag} names no block");
            }

            if (words.Count == 1 && BlockHelpers.Contains(words[0]))
            {
                return (line, $"{tag} needs a value, e.g. {{{{#{words[0]} Name}}}}");
            }

            open.Push((words[0], tag, line));
            var helper = BlockHelpers.Contains(words[0]) || vocabulary.Helpers.Contains(words[0]);
            return Unknown(helper ? words.Skip(1) : words, tag, line, vocabulary);
        }

        var rest = Words(kind is '&' or '>' ? content[1..] : content);
        if (rest.Count > 0 && rest[0] == "else")
        {
            return Unknown(rest.Skip(rest.Count > 1 && BlockHelpers.Contains(rest[1]) ? 2 : 1), tag, line, vocabulary);
        }

        if (rest.Count > 0 && vocabulary.Helpers.Contains(rest[0]))
        {
            return Unknown(rest.Skip(1), tag, line, vocabulary);
        }

        return rest.Count > 1
            ? (line, $"{tag}: \"{rest[0]}\" is not a helper of this template")
            : Unknown(rest, tag, line, vocabulary);
    }

    /// <summary>The first word that names no value of the model (string and number literals, hashes' keys and @data aside).</summary>
    private static (int Line, string Problem)? Unknown(IEnumerable<string> words, string tag, int line, TemplateVocabulary vocabulary)
    {
        foreach (var word in words)
        {
            var path = word.Contains('=', StringComparison.Ordinal) ? word[(word.IndexOf('=', StringComparison.Ordinal) + 1)..] : word;
            path = path.Trim('(', ')');
            if (path.Length == 0 || path[0] is '"' or '\'' or '@' || char.IsAsciiDigit(path[0]) || path[0] == '-' || Literals.Contains(path))
            {
                continue;
            }

            while (path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
            }

            foreach (var segment in path.Split('.', '/').Where(s => s.Length > 0 && s != "this" && s[0] != '['))
            {
                if (!vocabulary.Values.Contains(segment))
                {
                    var known = string.Join(", ", vocabulary.Values.Order(StringComparer.Ordinal));
                    return (line, $"{tag} uses \"{segment}\", which is not a value of this template (the values are: {known})");
                }
            }
        }

        return null;
    }

    private static List<string> Words(string content) => [.. Word().Matches(content).Select(m => m.Value)];

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\{\{!--.*?--\}\}|\{\{![^}]*\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|[^\s""']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Za-z0-9_.@/#^&>~\-]*")]
    private static partial Regex FirstWord();
}
