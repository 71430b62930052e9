using System.Collections.Concurrent;
using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using BatchCycle.Templates;
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

    private readonly HandlebarsTemplate<TextWriter, object, object> compiled;
    private readonly ConcurrentDictionary<string, string> assets = new(StringComparer.Ordinal);

    private CertificateTemplate(string path, string text, HolderScript script)
    {
        Path = path;
        Script = script;
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        handlebars.RegisterHelper("asset", (output, _, arguments) =>
            output.WriteSafeString(Asset(arguments.Length == 1 ? arguments[0]?.ToString() : null)));
        try
        {
            // The writer form, so the combined file of a whole-region cycle is written out, not built as one string.
            compiled = handlebars.Compile(new StringReader(text));
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateException(Describe(path, text, ex));
        }
    }

    /// <summary>The template file, named in every error message.</summary>
    public string Path { get; }

    /// <summary>The script the file is written in, so that the values filled in (the label's name) match its wording.</summary>
    public HolderScript Script { get; }

    /// <summary>
    /// Reads and compiles the template of a script (<c>certificate.zh-Hant.html</c>), or the default one when the
    /// script has none; a missing file or a syntax error is a <see cref="TemplateException"/>
    /// naming the file and line.
    /// </summary>
    public static CertificateTemplate Load(string templatesFolder, HolderScript script = HolderScript.Simplified)
    {
        var path = System.IO.Path.GetFullPath(CultureTemplateFile.Resolve(templatesFolder, FileName, script.CultureName()));
        var own = System.IO.Path.GetFileName(path) == CultureTemplateFile.NameFor(FileName, script.CultureName());
        try
        {
            // The shared reading (a missing file included) of every template: an open tag, an open block or a misspelled value is named here.
            // The default file is written in Simplified Chinese, the guide's language.
            var file = TemplateFile.Read(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path)).Check(Vocabulary);
            return new CertificateTemplate(path, file.Source, own ? script : HolderScript.Simplified);
        }
        catch (TemplateFileException ex)
        {
            throw new TemplateException(ex.Message);
        }
    }

    /// <summary>The values of <see cref="CertificateDocument"/> and its pages, and the <c>asset</c> helper.</summary>
    private static TemplateVocabulary Vocabulary { get; } = TemplateVocabulary.Of(["asset"], typeof(CertificateDocument), typeof(CertificatePage));

    public string Render(CertificateDocument document)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RenderTo(writer, document);
        return writer.ToString();
    }

    public void RenderTo(TextWriter writer, CertificateDocument document)
    {
        try
        {
            compiled(writer, document);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateException($"The certificate template {Path} could not be filled in: {FirstLine(ex.Message)}");
        }
    }

    private static string Describe(string path, string text, HandlebarsException ex)
    {
        var where = TemplateErrorLine.Find(text, ex.Message) is { } line ? $" at line {line}" : "";
        return $"The certificate template {path} has an error{where}: {FirstLine(ex.Message)}";
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
}

/// <summary>
/// The certificate template of each holder script (docs/outputs.md "Languages"): <c>certificate.html</c> in Simplified
/// Chinese and <c>certificate.zh-Hant.html</c> in Traditional, each with English. A script without its own file
/// uses <c>certificate.html</c>, compiled once for both.
/// </summary>
public sealed class CertificateTemplates
{
    private readonly IReadOnlyDictionary<HolderScript, CertificateTemplate> byScript;

    private CertificateTemplates(IReadOnlyDictionary<HolderScript, CertificateTemplate> byScript)
    {
        this.byScript = byScript;
    }

    public static CertificateTemplates Load(string templatesFolder)
    {
        var compiled = new Dictionary<string, CertificateTemplate>(StringComparer.Ordinal);
        return new CertificateTemplates(Enum.GetValues<HolderScript>().ToDictionary(script => script, script =>
        {
            var path = System.IO.Path.GetFullPath(CultureTemplateFile.Resolve(templatesFolder, CertificateTemplate.FileName, script.CultureName()));
            if (!compiled.TryGetValue(path, out var template))
            {
                template = CertificateTemplate.Load(templatesFolder, script);
                compiled[path] = template;
            }

            return template;
        }));
    }

    public CertificateTemplate For(HolderScript script) => byScript[script];

    /// <summary>The template of the certificate's holder: the script follows its registration number and label type.</summary>
    public CertificateTemplate For(CertificateRecord certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return For(HolderScripts.For(Enum.Parse<LabelType>(certificate.LabelType), certificate.HolderRegistrationNo));
    }
}

/// <summary>A template the secretariat must fix; the message names the file and, where known, the line.</summary>
public sealed class TemplateException(string message) : UserFacingException(message);
