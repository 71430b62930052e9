using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BatchCycle.Cycle;

namespace BatchCycle.Certificates;

/// <summary>
/// The certificate serial pattern of the settings (<c>BatchCycle:SerialFormat</c>), e.g.
/// <c>{Year}-{Code}-{Seq:0000}</c> → <c>2025-M-0001</c>. It must name the year, the label code and the sequence:
/// sequences restart every year and for every label type, so a pattern without all three would give two
/// certificates the same serial. Serials name the certificate files, so the pattern may not hold characters
/// that a file name cannot (on any system the files may be copied to).
/// </summary>
public sealed partial class SerialFormat
{
    private static readonly char[] NotInFileNames = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    private readonly IReadOnlyList<Part> parts;

    private SerialFormat(string pattern, IReadOnlyList<Part> parts)
    {
        Pattern = pattern;
        this.parts = parts;
    }

    public string Pattern { get; }

    /// <summary>Reads a pattern; a pattern the user must fix is a <see cref="SettingsException"/> naming the setting.</summary>
    public static SerialFormat Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parts = new List<Part>();
        var position = 0;
        foreach (Match placeholder in Placeholder().Matches(pattern))
        {
            AddLiteral(pattern[position..placeholder.Index]);
            var name = placeholder.Groups["name"].Value;
            var format = placeholder.Groups["format"].Success ? placeholder.Groups["format"].Value : null;
            parts.Add(name switch
            {
                "Year" or "Code" when format is null => new Part(name, null),
                "Seq" => new Part(name, ValidSequenceFormat(pattern, format)),
                _ => throw new SettingsException(
                    $"BatchCycle:SerialFormat '{pattern}' has an unknown placeholder '{placeholder.Value}'; use {{Year}}, {{Code}} and {{Seq:0000}}."),
            });
            position = placeholder.Index + placeholder.Length;
        }

        AddLiteral(pattern[position..]);
        foreach (var required in new[] { "Year", "Code", "Seq" })
        {
            if (!parts.Any(p => p.Placeholder == required))
            {
                throw new SettingsException(
                    $"BatchCycle:SerialFormat '{pattern}' lacks {{{required}}}: serials must name the year, the label code and the sequence to stay unique.");
            }
        }

        return new SerialFormat(pattern, parts);

        void AddLiteral(string text)
        {
            if (text.IndexOfAny(['{', '}']) >= 0)
            {
                throw new SettingsException(
                    $"BatchCycle:SerialFormat '{pattern}' has a brace outside a placeholder ('{text}'); use {{Year}}, {{Code}} and {{Seq:0000}}.");
            }

            if (text.IndexOfAny(NotInFileNames) >= 0)
            {
                throw new SettingsException(
                    $"BatchCycle:SerialFormat '{pattern}' has a character that cannot be part of a file name ('{text}'); serials name the certificate files.");
            }

            if (text.Length > 0)
            {
                parts.Add(new Part(null, text));
            }
        }
    }

    public string Format(int year, LabelType labelType, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var serial = new StringBuilder();
        foreach (var part in parts)
        {
            serial.Append(part.Placeholder switch
            {
                null => part.Text,
                "Year" => year.ToString(CultureInfo.InvariantCulture),
                "Code" => labelType.ToString(),
                _ => sequence.ToString(part.Text, CultureInfo.InvariantCulture),
            });
        }

        return serial.ToString();
    }

    public override string ToString() => Pattern;

    /// <summary>Only digit placeholders (<c>0</c>, <c>#</c>) are allowed so that a serial never carries a culture's separators.</summary>
    private static string? ValidSequenceFormat(string pattern, string? format)
    {
        if (format is null || (format.Length > 0 && format.All(c => c is '0' or '#')))
        {
            return format;
        }

        throw new SettingsException(
            $"BatchCycle:SerialFormat '{pattern}' has a sequence format '{format}' that is not made of 0 and # (e.g. {{Seq:0000}}).");
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(?::(?<format>[^{}]*))?\}")]
    private static partial Regex Placeholder();

    /// <summary>A placeholder (with its number format in <see cref="Text"/>) or, when <see cref="Placeholder"/> is null, literal text.</summary>
    private sealed record Part(string? Placeholder, string? Text);
}
