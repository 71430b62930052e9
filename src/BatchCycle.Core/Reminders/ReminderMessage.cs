using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;
using BatchCycle.Cycle;

namespace BatchCycle.Reminders;

/// <summary>
/// Turns an outbox row into an RFC 5322 message with System.Net.Mail: UTF-8 encoded-word headers, a
/// multipart/alternative body (plain text first, HTML second, both base64) and the row's own Message-ID, so
/// the draft on disk and the message sent are the same message.
/// </summary>
public static partial class ReminderMessage
{
    public static MailMessage Create(ReminderOutboxMessage row, SmtpSettings smtp, SecretariatContact secretariat)
    {
        if (row.Recipient is null)
        {
            throw new ArgumentException($"Reminder {row.LabelSerial} has no recipient; a NoEmail reminder is never turned into a message.", nameof(row));
        }

        var message = new MailMessage
        {
            From = new MailAddress(SenderAddress(smtp, secretariat), smtp.FromName, Encoding.UTF8),
            Subject = row.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(row.Recipient);
        message.Headers.Add("Message-ID", row.MessageId);
        message.AlternateViews.Add(View(row.TextBody, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(View(row.HtmlBody, MediaTypeNames.Text.Html));
        return message;
    }

    /// <summary>Stable per round and serial, so a re-drafted reminder keeps the identity mail programs and the outbox know it by.</summary>
    public static string MessageId(string round, string serial, SmtpSettings smtp, SecretariatContact secretariat)
    {
        var address = new MailAddress(SenderAddress(smtp, secretariat));
        return $"<reminder.{round}.{Safe(serial)}@{address.Host}>";
    }

    /// <summary>A serial as a file name or Message-ID part: anything but letters, digits, dot, dash and underscore becomes an underscore.</summary>
    public static string Safe(string serial) => UnsafeCharacter().Replace(serial, "_");

    /// <summary>
    /// The usable addresses in a register's e-mail cell (several may be separated by ';' or ','), joined for the
    /// To header, or the reason there is none.
    /// </summary>
    public static (string? Recipient, string? Problem) Recipient(string? contactEmail)
    {
        if (string.IsNullOrWhiteSpace(contactEmail))
        {
            return (null, "no e-mail address in the register");
        }

        var addresses = new List<string>();
        foreach (var part in contactEmail.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailAddress.TryCreate(part, out var address) || address.DisplayName.Length > 0 || !address.Host.Contains('.', StringComparison.Ordinal))
            {
                return (null, $"'{contactEmail.Trim()}' is not an e-mail address");
            }

            addresses.Add(address.Address);
        }

        return (string.Join(", ", addresses), null);
    }

    /// <summary>The From address: the SMTP setting, else the secretariat's; a settings error when neither is an address.</summary>
    public static string SenderAddress(SmtpSettings smtp, SecretariatContact secretariat)
    {
        var from = string.IsNullOrWhiteSpace(smtp.From) ? secretariat.Email : smtp.From;
        if (!MailAddress.TryCreate(from, out _))
        {
            throw new SettingsException("Reminders need a sender address: set BatchCycle:Smtp:From (or BatchCycle:Secretariat:Email) to an e-mail address.");
        }

        return from;
    }

    private static AlternateView View(string body, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(body, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacter();
}
