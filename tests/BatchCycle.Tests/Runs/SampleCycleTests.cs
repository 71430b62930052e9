using System.Security.Cryptography;
using System.Text.Json;
using BatchCycle.Tests.Support;
using ExcelDataReader;

namespace BatchCycle.Tests.Runs;

/// <summary>The README's main command, run once on input-samples/2025, read back from its outputs.</summary>
public sealed class SampleCycleFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder temp = new();

    public string Out => temp.Combine("out");

    public ProgramRunner.Result Result { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync() =>
        Result = await ProgramRunner.RunAsync(
            Repo.Root, "run", "--input", Repo.Samples(2025), "--out", Out, "--db", temp.Combine("cycle.db"), "--as-of", "2025-12-01");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => temp.Dispose();
}

public sealed partial class SampleCycleTests(SampleCycleFixture cycle) : IClassFixture<SampleCycleFixture>
{
    [Fact]
    public void The_run_completes()
    {
        Assert.True(cycle.Result.ExitCode == 0, cycle.Result.StdErr);
        Assert.Contains("completed", cycle.Result.StdOut);
    }

    [Fact]
    public void Every_application_gets_the_outcome_its_scenario_was_built_to_show()
    {
        var expected = CsvText.ReadRecords(Path.Combine(Repo.Root, "input-samples", "2025-expected.csv"));
        var actual = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "screening-results.csv"))
            .ToDictionary(r => r["ApplicationId"], StringComparer.Ordinal);

        Assert.Equal(expected.Count, actual.Count);
        foreach (var row in expected)
        {
            var got = actual[row["ApplicationId"]];
            Assert.True(
                (row["Outcome"], row["NotMet"], row["Unknown"]) == (got["Outcome"], got["NotMet"], got["Unknown"]),
                $"{row["ApplicationId"]} ({row["Scenario"]}): expected {row["Outcome"]} [{row["NotMet"]}] [{row["Unknown"]}], got {got["Outcome"]} [{got["NotMet"]}] [{got["Unknown"]}]: {got["Reasons"]}");
        }
    }

    [Fact]
    public void Every_requirement_line_names_a_result_and_a_reason()
    {
        var lines = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "requirements.csv"));

        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(l["Result"], new[] { "Met", "NotMet", "Unknown", "NotEvaluated" }));
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l["Note"]), $"{l["ApplicationId"]} {l["Requirement"]} has no note"));
    }

    [Fact]
    public void The_deliberately_bad_rows_are_reported_with_file_sheet_row_and_column()
    {
        var issues = CsvText.ReadRecords(Path.Combine(cycle.Out, "results", "import-issues.csv"));

        Assert.NotEmpty(issues);
        Assert.All(issues, i =>
        {
            Assert.True(File.Exists(Path.Combine(Repo.Samples(2025), i["File"])), $"issue names unknown file {i["File"]}");
            Assert.False(string.IsNullOrEmpty(i["Sheet"]));
            Assert.True(int.Parse(i["Row"], System.Globalization.CultureInfo.InvariantCulture) > 1);
            Assert.False(string.IsNullOrEmpty(i["Column"]));
        });
    }

    [Fact]
    public void The_summary_lists_every_input_with_its_checksum()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(cycle.Out, "run-summary.json")));
        var inputs = summary.RootElement.GetProperty("inputs").EnumerateArray()
            .ToDictionary(i => i.GetProperty("file").GetString()!, i => i.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
        var files = Directory.GetFiles(Repo.Samples(2025));

        Assert.Equal(files.Length, inputs.Count);
        foreach (var file in files)
        {
            var sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            Assert.Equal(sha, inputs[Path.GetFileName(file)], StringComparer.OrdinalIgnoreCase);
        }

        Assert.Equal("Completed", summary.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public void The_panel_workbook_lists_every_application_once()
    {
        var expected = CsvText.ReadRecords(Path.Combine(Repo.Root, "input-samples", "2025-expected.csv")).Select(r => r["ApplicationId"]).Order().ToList();
        using var stream = File.OpenRead(Path.Combine(cycle.Out, "panel", "2025-panel.xlsx"));
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var listed = new List<string>();
        do
        {
            if (reader.Name is "Summary" or "Requirements 要求" or "Import issues")
            {
                continue;
            }

            reader.Read();
            while (reader.Read())
            {
                listed.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        while (reader.NextResult());

        Assert.Equal(expected, listed.Order().ToList());
    }

    [Fact]
    public void Reminders_are_drafted_for_labels_expiring_this_year()
    {
        var reminders = CsvText.ReadRecords(Path.Combine(cycle.Out, "reminders", "reminders.csv"));

        Assert.NotEmpty(reminders);
        Assert.Contains(reminders, r => r["Status"] == "NoEmail");
        Assert.All(reminders.Where(r => r["Status"] == "Drafted"), r =>
            Assert.True(File.Exists(Path.Combine(cycle.Out, "reminders", r["LabelSerial"] + ".eml"))));
    }
}
