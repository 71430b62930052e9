using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using BatchCycle.Tests.Reminders;

namespace BatchCycle.Tests.Support;

/// <summary>What the test SMTP server does wrong.</summary>
public enum SmtpFaultKind
{
    None,

    /// <summary>Accepts the connection and closes it at once.</summary>
    DropOnConnect,

    /// <summary>Answers <see cref="SmtpFault.Code"/> to <see cref="SmtpFault.Command"/> (MAIL, RCPT or DATA).</summary>
    Refuse,

    /// <summary>Reads the start of the message after DATA and resets the connection: it never has the whole message.</summary>
    CloseMidData,

    /// <summary>Reads the whole message up to the final dot, keeps it, and closes without replying.</summary>
    CloseAfterDot,

    /// <summary>Reads the whole message, keeps it, and answers 250 only after <see cref="SmtpFault.Delay"/>.</summary>
    ReplyLate,
}

/// <summary>A fault for the first <see cref="Times"/> mail transactions (connections, for DropOnConnect); then the server behaves.</summary>
public sealed record SmtpFault(SmtpFaultKind Kind, int Times = int.MaxValue, string Command = "", int Code = 0, TimeSpan Delay = default)
{
    public static SmtpFault None { get; } = new(SmtpFaultKind.None, 0);
}

/// <summary>
/// A real SMTP server (RFC 5321, plain text, no extensions) on 127.0.0.1 and a port the system picks, written
/// for the tests so it can fail on purpose at each step. It keeps every message it received completely (up to
/// the final dot) as a file and counts them per Message-ID, whatever it answered afterwards.
/// </summary>
public sealed partial class SmtpTestServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly TempFolder folder = new();
    private readonly SmtpFault fault;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, int> received = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> sessions = [];
    private readonly Task accepting;
    private int connections;
    private int transactions;

    private SmtpTestServer(SmtpFault fault)
    {
        this.fault = fault;
        Directory.CreateDirectory(Received);
        listener = new TcpListener(IPAddress.Loopback, 0);

        // A small receive window: a client writing a large message is still writing when the server resets mid-DATA.
        listener.Server.ReceiveBufferSize = 4096;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The folder of the messages received completely, one <c>.eml</c> file each.</summary>
    public string Received => folder.Combine("received");

    public int Connections => Volatile.Read(ref connections);

    /// <summary>How many times each Message-ID arrived completely.</summary>
    public IReadOnlyDictionary<string, int> ReceivedPerMessageId => new Dictionary<string, int>(received, StringComparer.Ordinal);

    public static SmtpTestServer Start(SmtpFault? fault = null) => new(fault ?? SmtpFault.None);

    /// <summary>A free loopback port with nothing listening on it: connecting is refused.</summary>
    public static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public IReadOnlyList<PythonTools.MimeMessage> Messages() =>
        PythonTools.ReadMessages(Directory.GetFiles(Received, "*.eml").Order(StringComparer.Ordinal));

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        accepting.Wait(TimeSpan.FromSeconds(10));
        Task.WaitAll([.. sessions], TimeSpan.FromSeconds(10));
        stop.Dispose();
        folder.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await SessionAsync(client);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: the session simply ends.
            }
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        if (Interlocked.Increment(ref connections) <= fault.Times && fault.Kind == SmtpFaultKind.DropOnConnect)
        {
            return;
        }

        var stream = client.GetStream();
        var reader = new LineReader(stream);
        await ReplyAsync(stream, "220 smtp.test ESMTP ready");
        var faulty = false;
        while (await reader.ReadLineAsync(stop.Token) is { } raw)
        {
            var line = Encoding.ASCII.GetString(raw).TrimEnd('\r', '\n');
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            if (verb == "MAIL")
            {
                faulty = fault.Kind != SmtpFaultKind.None && Interlocked.Increment(ref transactions) <= fault.Times;
            }

            if (faulty && fault.Kind == SmtpFaultKind.Refuse && verb == fault.Command)
            {
                await ReplyAsync(stream, $"{fault.Code} {(fault.Code < 500 ? "4.3.0 try again later" : "5.7.1 refused")}");
                continue;
            }

            switch (verb)
            {
                case "EHLO":
                    await ReplyAsync(stream, "250-smtp.test\r\n250 8BITMIME");
                    break;
                case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                    await ReplyAsync(stream, "250 2.0.0 OK");
                    break;
                case "QUIT":
                    await ReplyAsync(stream, "221 2.0.0 bye");
                    return;
                case "DATA":
                    await ReplyAsync(stream, "354 end data with <CR><LF>.<CR><LF>");
                    if (!await DataAsync(client, reader, faulty))
                    {
                        return;
                    }

                    break;
                default:
                    await ReplyAsync(stream, "502 5.5.1 not implemented");
                    break;
            }
        }
    }

    /// <summary>Reads the message after DATA; false when the session ends here (the fault closed it).</summary>
    private async Task<bool> DataAsync(TcpClient client, LineReader reader, bool faulty)
    {
        if (faulty && fault.Kind == SmtpFaultKind.CloseMidData)
        {
            await reader.ReadLineAsync(stop.Token);
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
            return false;
        }

        using var message = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(stop.Token);
            if (line is null)
            {
                return false;
            }

            if (line is [(byte)'.', (byte)'\r', (byte)'\n'])
            {
                break;
            }

            // RFC 5321 §4.5.2: a line the client began with a dot carries one more.
            message.Write(line, line.Length > 0 && line[0] == '.' ? 1 : 0, line.Length > 0 && line[0] == '.' ? line.Length - 1 : line.Length);
        }

        Keep(message.ToArray());
        if (faulty && fault.Kind == SmtpFaultKind.CloseAfterDot)
        {
            client.Client.Close();
            return false;
        }

        if (faulty && fault.Kind == SmtpFaultKind.ReplyLate)
        {
            await Task.Delay(fault.Delay, stop.Token);
        }

        await ReplyAsync(client.GetStream(), "250 2.0.0 queued");
        return true;
    }

    private void Keep(byte[] message)
    {
        var headers = Encoding.UTF8.GetString(message, 0, Math.Min(message.Length, 64 * 1024)).Split("\r\n\r\n", 2)[0];
        var messageId = MessageIdHeader().Match(Unfold().Replace(headers, " ")) is { Success: true } match ? match.Groups[1].Value : "(none)";
        var path = Path.Combine(Received, $"{DateTime.UtcNow.Ticks:D20}-{Guid.NewGuid():N}.eml");
        File.WriteAllBytes(path + ".part", message);
        File.Move(path + ".part", path);
        received.AddOrUpdate(messageId, 1, (_, count) => count + 1);
    }

    private static async Task ReplyAsync(NetworkStream stream, string reply) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));

    [GeneratedRegex(@"\r\n[ \t]+")]
    private static partial Regex Unfold();

    [GeneratedRegex(@"^Message-ID:\s*(<[^>]*>)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdHeader();

    /// <summary>Lines as bytes with their CRLF, so a message is kept byte for byte.</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private int start;
        private int end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    line.Write(buffer, start, newline + 1 - start);
                    start = newline + 1;
                    return line.ToArray();
                }

                line.Write(buffer, start, end - start);
                start = 0;
                end = await stream.ReadAsync(buffer, cancellationToken);
                if (end == 0)
                {
                    return null;
                }
            }
        }
    }
}
