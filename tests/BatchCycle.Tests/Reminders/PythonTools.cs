using System.Diagnostics;
using System.Text.Json;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// Python's standard library as an independent second opinion: a real SMTP server (smtpd) bound to loopback that
/// keeps every message it accepts, and a MIME and CSV reader (email with policy.default, csv) that shares no code
/// with System.Net.Mail or the program.
/// </summary>
public static class PythonTools
{
    private const string ServerScript = """
        import asyncore, os, smtpd, socket, sys, time
        folder, mode, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])

        class Keeper(smtpd.SMTPServer):
            def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
                name = os.path.join(folder, '%d.eml' % time.time_ns())
                with open(name + '.part', 'wb') as f:
                    f.write(data)
                os.replace(name + '.part', name)
                # A slow server: the message is kept before the reply, as a real server may have queued it.
                time.sleep(delay)

        if mode == 'keep':
            server = Keeper(('127.0.0.1', 0), None, decode_data=False)
            print(server.socket.getsockname()[1], flush=True)
            asyncore.loop()
        else:
            listener = socket.socket()
            listener.bind(('127.0.0.1', 0))
            listener.listen(16)
            print(listener.getsockname()[1], flush=True)
            while True:
                connection, _ = listener.accept()
                connection.close()
        """;

    private const string ReaderScript = """
        import csv, email, json, sys
        from email import policy
        from email.utils import parseaddr

        def message(path):
            with open(path, 'rb') as f:
                m = email.message_from_binary_file(f, policy=policy.default)
            text = m.get_body(('plain',))
            html = m.get_body(('html',))
            return {
                'file': path,
                'subject': str(m['Subject']),
                'from': parseaddr(str(m['From']))[1],
                'to': [a.addr_spec for a in m['To'].addresses] if m['To'] else [],
                'messageId': str(m['Message-ID']),
                'contentType': m.get_content_type(),
                'parts': [p.get_content_type() for p in m.iter_parts()] if m.is_multipart() else [],
                'text': text.get_content() if text else None,
                'html': html.get_content() if html else None,
                'defects': [type(d).__name__ for d in m.defects],
            }

        if sys.argv[1] == 'csv':
            with open(sys.argv[2], encoding='utf-8-sig', newline='') as f:
                print(json.dumps(list(csv.DictReader(f))))
        else:
            print(json.dumps([message(p) for p in sys.argv[2:]]))
        """;

    public sealed record MimeMessage(
        string File,
        string Subject,
        string From,
        IReadOnlyList<string> To,
        string MessageId,
        string ContentType,
        IReadOnlyList<string> Parts,
        string? Text,
        string? Html,
        IReadOnlyList<string> Defects);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<MimeMessage> ReadMessages(IEnumerable<string> files)
    {
        var paths = files.ToList();
        return paths.Count == 0 ? [] : JsonSerializer.Deserialize<List<MimeMessage>>(Run(ReaderScript, ["eml", .. paths]), Json)!;
    }

    public static IReadOnlyList<Dictionary<string, string>> ReadCsv(string file) =>
        JsonSerializer.Deserialize<List<Dictionary<string, string>>>(Run(ReaderScript, ["csv", file]), Json)!;

    /// <summary>A free loopback port with nothing listening on it: connecting is refused.</summary>
    public static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Run(string script, IEnumerable<string> args)
    {
        var path = Path.Combine(Path.GetTempPath(), "batchcycle-tests", "reader-" + Guid.NewGuid().ToString("N") + ".py");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script);
        try
        {
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(path);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "python reader failed: " + stderr.Result);
            return stdout;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A real SMTP server on 127.0.0.1 that keeps each accepted message as a file, or a listener that drops every connection.</summary>
    public sealed class SmtpServer : IDisposable
    {
        private readonly Process process;
        private readonly TempFolder folder = new();

        private SmtpServer(string mode, double delaySeconds)
        {
            var script = folder.Combine("server.py");
            File.WriteAllText(script, ServerScript);
            Directory.CreateDirectory(Received);
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-W", "ignore", script, Received, mode, delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            process = Process.Start(info)!;
            var line = process.StandardOutput.ReadLine();
            Port = int.Parse(line ?? throw new InvalidOperationException("The test SMTP server did not start."), System.Globalization.CultureInfo.InvariantCulture);
        }

        public int Port { get; }

        public string Received => folder.Combine("received");

        public static SmtpServer Keeping(double delaySeconds = 0) => new("keep", delaySeconds);

        public static SmtpServer Dropping() => new("drop", 0);

        public IReadOnlyList<MimeMessage> Messages() =>
            ReadMessages(Directory.GetFiles(Received, "*.eml").Order(StringComparer.Ordinal));

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            folder.Dispose();
        }
    }
}
