using System.Diagnostics;
using System.Text.Json;

namespace BatchCycle.Tests.Reminders;

/// <summary>
/// Python's standard library as an independent second opinion: a MIME and CSV reader (email with policy.default,
/// csv) that shares no code with MimeKit or the program.
/// </summary>
public static class PythonTools
{
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
                'date': m['Date'].datetime.isoformat() if m['Date'] else None,
                'headers': list(m.keys()),
                'charsets': [p.get_content_charset() for p in m.iter_parts()] if m.is_multipart() else [],
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
        IReadOnlyList<string> Defects,
        string? Date,
        IReadOnlyList<string> Headers,
        IReadOnlyList<string?> Charsets);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<MimeMessage> ReadMessages(IEnumerable<string> files)
    {
        var paths = files.ToList();
        return paths.Count == 0 ? [] : JsonSerializer.Deserialize<List<MimeMessage>>(Run(ReaderScript, ["eml", .. paths]), Json)!;
    }

    public static IReadOnlyList<Dictionary<string, string>> ReadCsv(string file) =>
        JsonSerializer.Deserialize<List<Dictionary<string, string>>>(Run(ReaderScript, ["csv", file]), Json)!;

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
}
