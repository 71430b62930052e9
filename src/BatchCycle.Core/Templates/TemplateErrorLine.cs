using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchCycle.Templates;

/// <summary>
/// Finds the line of a mistake in a Handlebars template the secretariat edited, so that the message can name
/// it. Handlebars.Net reports the position of a token it cannot read ("Occured at: 3:4") but not of a block
/// left open or closed twice, nor of a misspelled name found while rendering; those are found in the source.
/// </summary>
public static partial class TemplateErrorLine
{
    public static int? Find(string source, string message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);

        // The parser reports an unclosed tag at the end of the file; the line that opened it is the useful one.
        var lastOpen = source.LastIndexOf("{{", StringComparison.Ordinal);
        if (lastOpen >= 0 && source.IndexOf("}}", lastOpen, StringComparison.Ordinal) < 0)
        {
            return LineAt(source, lastOpen);
        }

        if (ParserPosition().Match(message) is { Success: true } position)
        {
            return int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture);
        }

        return UnbalancedBlockLine(source) ?? NamedLine(source, message);
    }

    /// <summary>The first block tag that closes nothing open, opens with no argument, or is never closed.</summary>
    private static int? UnbalancedBlockLine(string source)
    {
        // Comments may quote block tags (the certificate template's own help text does); blank them, keeping the lines.
        var text = Comment().Replace(source, c => new string('\n', c.Value.AsSpan().Count('\n')));
        var open = new Stack<(string Name, int Line)>();
        foreach (Match tag in BlockTag().Matches(text))
        {
            var line = LineAt(text, tag.Index);
            var name = tag.Groups["name"].Value;
            if (tag.Groups["kind"].Value == "/")
            {
                if (open.Count == 0 || open.Pop().Name != name)
                {
                    return line;
                }
            }
            else if (tag.Groups["kind"].Value == "#" && string.IsNullOrWhiteSpace(tag.Groups["argument"].Value))
            {
                return line;
            }
            else
            {
                open.Push((name, line));
            }
        }

        return open.Count > 0 ? open.Peek().Line : null;
    }

    /// <summary>The first tag that uses the name the error quotes ('name' or "name is undefined").</summary>
    private static int? NamedLine(string source, string message)
    {
        var name = QuotedName().Match(message) is { Success: true } quoted ? quoted.Groups[1].Value
            : UndefinedName().Match(message) is { Success: true } undefined ? undefined.Groups[1].Value
            : null;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var tag = Tag().Matches(source).FirstOrDefault(t => t.Groups[1].Value.Contains(name, StringComparison.Ordinal));
        return tag is null ? null : LineAt(source, tag.Index);
    }

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\{\{!--.*?--\}\}|\{\{![^}]*\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"Occured at:\s*(?<line>\d+):\d+")]
    private static partial Regex ParserPosition();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^\s*(\S+) is undefined")]
    private static partial Regex UndefinedName();

    [GeneratedRegex(@"\{\{~?([^}]*)\}\}")]
    private static partial Regex Tag();

    /// <summary>Block openings <c>{{#if x</c>, <c>{{^unless</c> (not a bare <c>{{^}}</c>) and closings <c>{{/if</c>.</summary>
    [GeneratedRegex(@"\{\{~?\s*(?<kind>[#/^])\s*(?<name>[^\s}~]+)(?<argument>[^}]*)")]
    private static partial Regex BlockTag();
}
