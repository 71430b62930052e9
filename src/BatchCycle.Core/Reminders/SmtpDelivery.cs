using System.Net;
using System.Net.Sockets;
using BatchCycle.Cycle;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BatchCycle.Reminders;

/// <summary>What the SMTP server did with one message.</summary>
public enum Delivery
{
    /// <summary>The server answered 250 to the end of the message: it took responsibility for it.</summary>
    Accepted,

    /// <summary>Not taken, and it may be tried again: the server could not be reached, answered 4xx, or the connection failed before the whole message was written.</summary>
    NotAccepted,

    /// <summary>The server answered 5xx to the transaction: trying again would be refused again.</summary>
    Refused,

    /// <summary>The whole message was written but no answer came (the connection dropped, the reply timed out): it may have been delivered.</summary>
    Uncertain,
}

public sealed record DeliveryOutcome(Delivery Kind, string? Error);

/// <summary>
/// Hands messages to the SMTP server in settings over ONE connection, opened at the first message and opened again
/// when it drops, and tells for each message which step failed (RFC 5321 §3.3): before the end of DATA nothing can
/// have been delivered, after it anything but an answer leaves the message uncertain. Used by one sender at a time.
/// </summary>
public sealed class SmtpDelivery(SmtpSettings smtp, TimeSpan timeout) : IAsyncDisposable
{
    private SmtpClient? client;

    public async Task<DeliveryOutcome> DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SmtpClient connected;
        try
        {
            connected = await ConnectedAsync(cancellationToken);
        }
        catch (Exception ex) when (IsMailFailure(ex, cancellationToken))
        {
            // Nothing of the message was sent; a server that is down or refuses everyone is tried again later.
            await DropAsync();
            return new DeliveryOutcome(Delivery.NotAccepted, $"connecting to {smtp.Host}:{smtp.Port}: {Describe(ex)}");
        }

        var written = new ContentWritten();
        try
        {
            await connected.SendAsync(message, cancellationToken, written);
            return new DeliveryOutcome(Delivery.Accepted, null);
        }
        catch (Exception ex) when (IsMailFailure(ex, cancellationToken))
        {
            await DropAsync();
            return Classify(ex, written.All);
        }
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    /// <summary>
    /// An answer is an answer, even to the end of DATA: 4xx and 5xx there mean the server did not take the message
    /// (RFC 5321 §4.2.5). Any other failure once every byte of the content was handed over — a connection dropped
    /// before the reply, a reply that did not come in time — may follow a server that already has the message.
    /// </summary>
    private static DeliveryOutcome Classify(Exception ex, bool contentWritten)
    {
        if (ex is SmtpCommandException command)
        {
            return new DeliveryOutcome((int)command.StatusCode >= 500 ? Delivery.Refused : Delivery.NotAccepted, Describe(ex));
        }

        return contentWritten
            ? new DeliveryOutcome(Delivery.Uncertain, $"the whole message was handed to the server, then {Describe(ex)} before it confirmed")
            : new DeliveryOutcome(Delivery.NotAccepted, Describe(ex));
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true })
        {
            return client;
        }

        await DropAsync();
        client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        var security = !smtp.EnableSsl ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(new NetworkCredential(smtp.UserName, smtp.Password), cancellationToken);
        }

        return client;
    }

    /// <summary>Ends the connection after a failure (its state is unknown) or at the end of the round; says QUIT when it still can.</summary>
    private async Task DropAsync()
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(timeout);
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception ex) when (IsMailFailure(ex, CancellationToken.None) || ex is OperationCanceledException)
        {
            // The connection is being given up anyway; what went wrong was already recorded for the message.
        }
        finally
        {
            client.Dispose();
            client = null;
        }
    }

    /// <summary>What a server or network can do to a send; anything else (a bug, the user's Ctrl+C) is not caught.</summary>
    private static bool IsMailFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or SocketException or TimeoutException => true,
        CommandException or ProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException => true,
        AuthenticationException or SslHandshakeException or NotSupportedException => true,
        _ => false,
    };

    /// <summary>The server's reply or the network error, in one line: the inner exceptions say what really happened.</summary>
    private static string Describe(Exception ex)
    {
        var text = ex is SmtpCommandException command
            ? $"SMTP {(int)command.StatusCode} {command.StatusCode}: {command.Message}"
            : string.Join(" ", Chain(ex).Select(e => e.Message).Distinct(StringComparer.Ordinal));
        return text.ReplaceLineEndings(" ").Trim();
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>
    /// Whether every byte of the message content reached the connection. MailKit reports the content's progress
    /// against its measured size while writing DATA and writes the final <c>.</c> only after the last content
    /// byte, so a failure before this is true cannot follow a complete message; after it, the server may have
    /// received the dot. This hook is the only place MailKit exposes that moment for DATA and BDAT alike.
    /// </summary>
    private sealed class ContentWritten : ITransferProgress
    {
        public bool All { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => All |= bytesTransferred >= totalSize;

        /// <summary>Without a size the moment cannot be told; the conservative reading is that it may all have gone.</summary>
        public void Report(long bytesTransferred) => All = true;
    }
}
