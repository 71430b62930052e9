using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace BatchCycle.Certificates;

/// <summary>
/// The secretariat's certificate template, <c>certificate.html</c> in the templates folder: a Handlebars
/// document (HTML-escaping every value) that loops over <c>Certificates</c>, one page each, so that the same
/// template makes a single certificate and the combined print file. Images and other files beside it are
/// embedded with <c>{{asset "logo.svg"}}</c>, so a rendered certificate is one self-contained file.
/// </summary>
public sealed partial class CertificateTemplate
{
    public const string FileName = "certificate.html";

    private readonly HandlebarsTemplate<object, object> compiled;
    private readonly ConcurrentDictionary<string, string> assets = new(StringComparer.Ordinal);

    private CertificateTemplate(string path, string text)
    {
        Path = path;
        var handlebars = Handlebars.Create();
        handlebars.RegisterHelper("asset", (output, _, arguments) =>
            output.WriteSafeString(Asset(arguments.Length == 1 ? arguments[0]?.ToString() : null)));
        try
        {
            compiled = handlebars.Compile(text);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateException(Describe(path, text, ex));
        }
    }

    /// <summary>The template file, named in every error message.</summary>
    public string Path { get; }

    /// <summary>Reads and compiles the template; a missing file or a syntax error is a <see cref="TemplateException"/> naming the file and line.</summary>
    public static CertificateTemplate Load(string templatesFolder)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(templatesFolder, FileName));
        if (!File.Exists(path))
        {
            throw new TemplateException(
                $"The certificate template {path} does not exist: copy the templates folder that comes with the program, or set BatchCycle:Templates.");
        }

        return new CertificateTemplate(path, File.ReadAllText(path));
    }

    public string Render(CertificateDocument document)
    {
        try
        {
            return compiled(document);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateException($"The certificate template {Path} could not be filled in: {FirstLine(ex.Message)}");
        }
    }

    /// <summary>
    /// Handlebars reports the position of a token it cannot read ("Occured at: 3:4") but not of a block that is
    /// left open or closed twice; for those the template is scanned for the unbalanced block tag.
    /// </summary>
    private static string Describe(string path, string text, HandlebarsException ex)
    {
        var position = ReportedPosition().Match(ex.Message);
        var line = position.Success ? int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture) : UnbalancedBlockLine(text);
        var where = line is null ? "" : $" at line {line}";
        return $"The certificate template {path} has an error{where}: {FirstLine(ex.Message)}";
    }

    private static int? UnbalancedBlockLine(string template)
    {
        // Comments may quote block tags (the template's own help text does); blank them, keeping the lines.
        var text = Comment().Replace(template, c => new string('\n', c.Value.AsSpan().Count('\n')));
        var open = new Stack<(string Name, int Line)>();
        foreach (Match tag in BlockTag().Matches(text))
        {
            var line = text.AsSpan(0, tag.Index).Count('\n') + 1;
            var name = tag.Groups["name"].Value;
            if (tag.Groups["kind"].Value != "/")
            {
                open.Push((name, line));
            }
            else if (open.Count == 0 || open.Pop().Name != name)
            {
                return line;
            }
        }

        return open.Count > 0 ? open.Peek().Line : null;
    }

    private string Asset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TemplateException($"The certificate template {Path} uses {{{{asset}}}} without a file name, e.g. {{{{asset \"logo.svg\"}}}}.");
        }

        return assets.GetOrAdd(name, file =>
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file));
            if (!full.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
            {
                throw new TemplateException($"The certificate template {Path} embeds '{file}', which is not a file in {folder}.");
            }

            return $"data:{MediaType(full)};base64,{Convert.ToBase64String(File.ReadAllBytes(full))}";
        });
    }

    private static string MediaType(string file) => System.IO.Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".woff2" => "font/woff2",
        ".woff" => "font/woff",
        ".ttf" => "font/ttf",
        ".otf" => "font/otf",
        _ => "application/octet-stream",
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"\{\{!--.*?--\}\}|\{\{![^}]*\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"Occured at:\s*(?<line>\d+):(?<column>\d+)")]
    private static partial Regex ReportedPosition();

    /// <summary>Block openings <c>{{#if</c>, <c>{{^unless</c> (not a bare <c>{{^}}</c>) and closings <c>{{/if</c>.</summary>
    [GeneratedRegex(@"\{\{~?\s*(?<kind>[#/^])\s*(?<name>[^\s}~]+)")]
    private static partial Regex BlockTag();
}

/// <summary>A template the secretariat must fix; the message names the file and, where known, the line.</summary>
public sealed class TemplateException(string message) : Runs.UserFacingException(message);
