using MimeKit;

namespace BatchCycle.Reminders;

/// <summary>
/// Writes messages as <c>.eml</c> drafts. Each draft is written whole to a hidden file beside it
/// (<c>.&lt;name&gt;.&lt;random&gt;.partial</c>) and then moved over the draft in one step, so a reader never sees
/// half a draft; a stage cut off mid-write leaves only such hidden files, which <see cref="RemoveLeftovers"/> clears
/// when the stage starts again. Writers share nothing, so drafts are written side by side.
/// </summary>
public static class EmlDrafts
{
    private const string PartialSuffix = ".partial";

    /// <summary>What earlier versions left in a folder when cut off: a private pickup folder of System.Net.Mail.</summary>
    private const string LegacyPickupPrefix = ".pickup-";

    /// <summary>As mail programs and SMTP write messages: CRLF line ends (RFC 5322 §2.1).</summary>
    private static readonly FormatOptions Format = CrlfFormat();

    public static void Write(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var full = Path.GetFullPath(path);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                message.WriteTo(Format, stream);
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Removes the hidden files of drafts whose writing was cut off, so they never pass for outputs of a run.</summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var partial in Directory.EnumerateFiles(folder, "." + "*" + PartialSuffix))
        {
            File.Delete(partial);
        }

        foreach (var pickup in Directory.EnumerateDirectories(folder, LegacyPickupPrefix + "*"))
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    private static FormatOptions CrlfFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
