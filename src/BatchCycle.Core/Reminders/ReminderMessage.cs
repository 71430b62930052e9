using System.Text;
using System.Text.RegularExpressions;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using MimeKit;
using MimeKit.Text;

namespace BatchCycle.Reminders;

/// <summary>
/// What an outbox holds of one e-mail, whatever it announces (a renewal reminder, a results notice): the sender
/// and the <c>.eml</c> writer need nothing else.
/// </summary>
public sealed record OutboxMail(string MessageId, string Recipient, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Turns an outbox row into an RFC 5322 message with MimeKit: UTF-8 encoded-word headers, a multipart/alternative
/// body (plain text first, HTML second, both UTF-8 in base64), a Date in the cycle's time zone and the row's own
/// Message-ID, so the draft on disk and the message sent are the same message.
/// </summary>
public static partial class ReminderMessage
{
    /// <summary>The mail of an outbox row; <paramref name="key"/> names the row if it has no recipient (a bug: NoEmail rows are never claimed).</summary>
    public static OutboxMail Mail(IOutboxRow row, string key) => row.Recipient is null
        ? throw new ArgumentException($"Outbox message {key} has no recipient; a NoEmail message is never turned into a message.", nameof(row))
        : new OutboxMail(row.MessageId, row.Recipient, row.Subject, row.TextBody, row.HtmlBody);

    /// <summary>The message of <paramref name="mail"/>, dated <paramref name="date"/> shown in <paramref name="zone"/> (RFC 5322 §3.3 keeps the offset).</summary>
    public static MimeMessage Create(OutboxMail mail, SmtpSettings smtp, SecretariatContact secretariat, DateTime dateUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(zone);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // MimeKit writes the angle brackets itself; the outbox keeps them, as the header shows them.
            MessageId = mail.MessageId.Trim('<', '>'),
            Date = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(dateUtc, DateTimeKind.Utc)), zone),
            Body = new MultipartAlternative { Part(TextFormat.Plain, mail.TextBody), Part(TextFormat.Html, mail.HtmlBody) },
        };
        message.From.Add(new MailboxAddress(Encoding.UTF8, smtp.FromName, SenderAddress(smtp, secretariat)));
        message.To.AddRange(InternetAddressList.Parse(mail.Recipient));
        return message;
    }

    /// <summary>Stable per round and serial, so a re-drafted reminder keeps the identity mail programs and the outbox know it by.</summary>
    public static string MessageId(string round, string serial, SmtpSettings smtp, SecretariatContact secretariat)
    {
        var address = Mailbox(SenderAddress(smtp, secretariat))!;
        return $"<reminder.{round}.{Safe(serial)}@{address.Domain}>";
    }

    /// <summary>A serial as a file name or Message-ID part: anything but letters, digits, dot, dash and underscore becomes an underscore.</summary>
    public static string Safe(string serial) => UnsafeCharacter().Replace(serial, "_");

    /// <summary>
    /// The usable addresses in a register's e-mail cell (several may be separated by ';' or ','), joined for the
    /// To header, or the reason there is none.
    /// </summary>
    public static (string? Recipient, Message? Problem) Recipient(string? contactEmail)
    {
        if (string.IsNullOrWhiteSpace(contactEmail))
        {
            return (null, Message.Of("Recipient.Missing"));
        }

        var addresses = new List<string>();
        foreach (var part in contactEmail.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Mailbox(part) is not { } address || !address.Domain.Contains('.', StringComparison.Ordinal))
            {
                return (null, Message.Of("Recipient.Invalid", contactEmail.Trim()));
            }

            addresses.Add(address.Address);
        }

        return (string.Join(", ", addresses), null);
    }

    /// <summary>
    /// Why a holder cannot be e-mailed, told again from the register's e-mail cell; the outbox keeps the reason in
    /// English only, shown as stored when the register no longer explains it.
    /// </summary>
    public static Message RecipientProblem(string? contactEmail, string? stored) =>
        Recipient(contactEmail).Problem ?? Message.Of("Text.AsWritten", stored ?? "");

    /// <summary>The From address: the SMTP setting, else the secretariat's; a settings error when neither is an address.</summary>
    public static string SenderAddress(SmtpSettings smtp, SecretariatContact secretariat)
    {
        var from = string.IsNullOrWhiteSpace(smtp.From) ? secretariat.Email : smtp.From;
        return Mailbox(from)?.Address
            ?? throw new SettingsException("Reminders need a sender address: set BatchCycle:Smtp:From (or BatchCycle:Secretariat:Email) to an e-mail address.");
    }

    /// <summary>One bare address (local part @ domain, no display name, no route), or null when the text is anything else.</summary>
    private static MailboxAddress? Mailbox(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && MailboxAddress.TryParse(ParserOptions.Default, text.Trim(), out var mailbox)
        && mailbox.Name is null or ""
        && mailbox.Route.Count == 0
        && mailbox.LocalPart.Length > 0
        && mailbox.Domain.Length > 0
            ? mailbox
            : null;

    /// <summary>Base64 whatever the server offers (8BITMIME or not), so the draft's body and the body sent are the same bytes.</summary>
    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, body);
        return part;
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacter();
}
