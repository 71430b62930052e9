namespace BatchCycle.Templates;

/// <summary>
/// The templates of one culture sit beside the default ones, the culture name before the first extension
/// (<c>reminder.txt.hbs</c> → <c>reminder.zh-Hant.txt.hbs</c>, <c>certificate.html</c> →
/// <c>certificate.zh-Hant.html</c>), so the secretariat edits them side by side. A culture without its own file
/// uses the default one, which is written in Simplified Chinese, the guide's language.
/// </summary>
public static class CultureTemplateFile
{
    public static string NameFor(string fileName, string culture)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? $"{fileName}.{culture}" : $"{fileName[..dot]}.{culture}{fileName[dot..]}";
    }

    /// <summary>The culture's own file when the folder has one, otherwise the default file.</summary>
    public static string Resolve(string folder, string fileName, string culture)
    {
        var own = Path.Combine(folder, NameFor(fileName, culture));
        return File.Exists(own) ? own : Path.Combine(folder, fileName);
    }
}
