using System.Net.Mail;

namespace BatchCycle.Reminders;

/// <summary>
/// Writes messages as <c>.eml</c> drafts into one folder. System.Net.Mail writes a pickup file under a name of its
/// own into a private folder beside the drafts, which is then moved over the draft in one step, so a reader never
/// sees half a draft. One writer keeps its private folder and client for all the messages it writes: a round has
/// tens of thousands of drafts in a whole-region cycle, and a folder and client per message cost more than the
/// message. A writer is used by one thread at a time.
/// </summary>
public sealed class EmlDrafts : IDisposable
{
    private readonly string pickup;
    private readonly SmtpClient client;

    public EmlDrafts(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        pickup = Path.Combine(Path.GetFullPath(folder), ".pickup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(pickup);
        client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = pickup };
    }

    public void Write(MailMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        client.Send(message);
        var written = Directory.GetFiles(pickup);
        if (written.Length != 1)
        {
            throw new IOException($"Writing the draft {path} left {written.Length} files in {pickup} instead of one.");
        }

        File.Move(written[0], path, overwrite: true);
    }

    public void Dispose()
    {
        client.Dispose();
        Directory.Delete(pickup, recursive: true);
    }
}
