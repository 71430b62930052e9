using BatchCycle.Pipeline;
using HandlebarsDotNet;

namespace BatchCycle.Templates;

/// <summary>A template the secretariat must fix; the message names the file, the line and what is wrong there.</summary>
public sealed class TemplateFileException(string message) : UserFacingException(message);

/// <summary>
/// A Handlebars template file of the templates folder that the secretariat edits without touching code. Every
/// template is read and compiled through here, so each is held to the same rules and every mistake is told the
/// same way: the file, the line where the broken tag opened, and what is wrong.
/// </summary>
public sealed class TemplateFile
{
    private TemplateFile(string path, string source)
    {
        Path = path;
        Source = source;
    }

    /// <summary>The full path, named in every message.</summary>
    public string Path { get; }

    public string Source { get; }

    /// <summary>Reads <paramref name="name"/> from <paramref name="folder"/>; a missing file is a <see cref="TemplateFileException"/>.</summary>
    public static TemplateFile Read(string folder, string name)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
        if (!File.Exists(path))
        {
            throw new TemplateFileException(
                $"The template {path} does not exist: copy the templates folder that comes with the program, or set BatchCycle:Templates. 模板文件不存在。");
        }

        return new TemplateFile(path, File.ReadAllText(path));
    }

    /// <summary>
    /// Reads the template as the secretariat wrote it (<see cref="TemplateCheck"/>): a tag left open, a block left
    /// open or a name that is not a value of the model stops here, before anything is rendered or written.
    /// </summary>
    public TemplateFile Check(TemplateVocabulary vocabulary)
    {
        if (TemplateCheck.FirstMistake(Source, vocabulary) is { } mistake)
        {
            throw Error(mistake.Line, mistake.Problem);
        }

        return this;
    }

    /// <summary>Checks the template against <paramref name="vocabulary"/>, then compiles it to render to a string.</summary>
    public HandlebarsTemplate<object, object> Compile(IHandlebars handlebars, TemplateVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(handlebars);
        Check(vocabulary);
        try
        {
            return handlebars.Compile(Source);
        }
        catch (Exception ex) when (ex is HandlebarsException or InvalidOperationException)
        {
            // Handlebars.Net also reports some malformed blocks as InvalidOperationException.
            throw Error(ex);
        }
    }

    /// <summary>The user's error for an exception Handlebars.Net raised on this template.</summary>
    public TemplateFileException Error(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Error(TemplateErrorLine.Find(Source, exception.Message), exception.Message.Split('\n', 2)[0].Trim());
    }

    public TemplateFileException Error(int? line, string problem) =>
        new(line is null ? $"The template {Path} has an error: {problem}" : $"The template {Path} has an error at line {line}: {problem}");
}
