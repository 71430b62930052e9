using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Cluster;

/// <summary>
/// The same cycle on SQLite and on PostgreSQL writes the same result files, byte for byte, once the values that
/// differ between any two runs are set aside: times, MIME boundaries and the random verification codes. PDFs carry
/// the codes in their QR images, so they are compared by name only; workbooks part by part.
/// </summary>
public sealed partial class ProviderParityTests
{
    [PostgresFact]
    public async Task Input_samples_2025_give_identical_result_files_on_SQLite_and_PostgreSQL()
    {
        using var temp = new TempFolder();
        await AssertSameResultsAsync(temp, Repo.Samples(2025));
    }

    /// <summary>
    /// A generated cycle holds every story of the scenario catalogue (the cases the acceptance suites are built
    /// from: each label's routes, footnote 6, renewals, register conflicts), mixed csv and xlsx files.
    /// </summary>
    [PostgresFact]
    public async Task A_generated_cycle_of_every_scenario_gives_identical_result_files_on_SQLite_and_PostgreSQL()
    {
        using var temp = new TempFolder();
        var generated = await ProgramRunner.RunAsync(temp.Path, "generate", "--out", "generated", "--applications", "300", "--seed", "7", "--format", "mixed");
        Assert.True(generated.ExitCode == 0, generated.StdErr);
        await AssertSameResultsAsync(temp, temp.Combine("generated"));
    }

    private static async Task AssertSameResultsAsync(TempFolder temp, string input)
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        var onSqlite = await RunAsync(input, temp.Combine("sqlite"), temp.Combine("cycle.db"));
        var onPostgres = await RunAsync(input, temp.Combine("postgres"), server.Database.Location);

        var files = Files(onSqlite);
        Assert.Equal(files, Files(onPostgres));
        Assert.Contains("results/screening-results.csv", files);
        Assert.Contains("certificates/certificates.csv", files);
        var sqliteCodes = Codes(onSqlite);
        var postgresCodes = Codes(onPostgres);
        Assert.NotEmpty(sqliteCodes);
        foreach (var file in files.Where(f => !f.EndsWith(".pdf", StringComparison.Ordinal)))
        {
            var expected = Comparable(Path.Combine(onSqlite, file), sqliteCodes);
            var actual = Comparable(Path.Combine(onPostgres, file), postgresCodes);
            Assert.True(expected == actual, $"{file} differs between SQLite and PostgreSQL");
        }
    }

    private static async Task<string> RunAsync(string input, string output, string database)
    {
        var result = await ProgramRunner.RunAsync(Repo.Root, "run", "--input", input, "--out", output, "--db", database, "--as-of", "2025-12-01");
        Assert.True(result.ExitCode == 0, result.StdErr);
        return output;
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>The verification codes the run gave its certificates.</summary>
    private static List<string> Codes(string output) =>
        [.. CsvText.ReadRecords(Path.Combine(output, "certificates", "certificates.csv")).Select(r => r["VerificationCode"])];

    /// <summary>
    /// The file's text with what differs between any two runs masked; a workbook's parts other than its properties;
    /// a message's headers but its date, and its decoded bodies.
    /// </summary>
    private static string Comparable(string path, List<string> codes)
    {
        if (path.EndsWith(".eml", StringComparison.Ordinal))
        {
            using var message = MimeKit.MimeMessage.Load(path);
            var headers = string.Join('\n', message.Headers.Where(h => h.Field != "Date" && h.Field != "Content-Type").Select(h => $"{h.Field}: {h.Value}"));
            return Coded(Masked($"{headers}\n{message.TextBody}\n{message.HtmlBody}"), codes);
        }

        if (path.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(path);
            var parts = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => !e.FullName.StartsWith("docProps/", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var reader = new StreamReader(entry.Open());
                parts.Append(entry.FullName).Append('\n').Append(Coded(Masked(reader.ReadToEnd()), codes)).Append('\n');
            }

            return parts.ToString();
        }

        var text = Masked(File.ReadAllText(path));
        return Path.GetFileName(path) == "certificates.csv" ? WithoutColumn(text, "VerificationCode") : Coded(text, codes);
    }

    private static string Coded(string text, List<string> codes) =>
        codes.Aggregate(text, (t, code) => t.Replace(code, "<code>", StringComparison.Ordinal));

    private static string Masked(string text)
    {
        text = IsoTime().Replace(text, "<time>");
        text = UtcTime().Replace(text, "<time>");
        text = MailDate().Replace(text, "Date: <time>");
        text = Boundary().Replace(text, "=-<boundary>");
        return Seconds().Replace(text, "\"seconds\": <n>");
    }

    private static string WithoutColumn(string csv, string column)
    {
        var lines = csv.Split('\n');
        var index = Array.IndexOf(lines[0].TrimEnd('\r').Split(','), column);
        Assert.True(index >= 0, $"certificates.csv has no {column} column");
        return string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != index))));
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex UtcTime();

    [GeneratedRegex(@"^Date: .*$", RegexOptions.Multiline)]
    private static partial Regex MailDate();

    [GeneratedRegex(@"=-[A-Za-z0-9+/]{22}==")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"""seconds"": [0-9.]+")]
    private static partial Regex Seconds();
}
