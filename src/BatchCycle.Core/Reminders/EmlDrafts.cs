using BatchCycle.Files;
using MimeKit;

namespace BatchCycle.Reminders;

/// <summary>
/// Writes messages as <c>.eml</c> drafts, each whole or not at all (<see cref="AtomicFile"/>); a stage cut off
/// mid-write leaves only hidden partial files, which <see cref="RemoveLeftovers"/> clears when the stage starts
/// again. Writers share nothing, so drafts are written side by side.
/// </summary>
public static class EmlDrafts
{
    /// <summary>What earlier versions left in a folder when cut off: a private pickup folder of System.Net.Mail.</summary>
    private const string LegacyPickupPrefix = ".pickup-";

    /// <summary>As mail programs and SMTP write messages: CRLF line ends (RFC 5322 §2.1).</summary>
    private static readonly FormatOptions Format = CrlfFormat();

    public static void Write(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        AtomicFile.Write(path, stream => message.WriteTo(Format, stream));
    }

    /// <summary>Removes the hidden files of drafts whose writing was cut off, so they never pass for outputs of a run.</summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        AtomicFile.RemoveLeftovers(folder);

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
