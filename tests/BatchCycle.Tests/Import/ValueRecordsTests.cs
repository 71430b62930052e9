using BatchCycle.Import;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>
/// The projects and options are kept as values, parsed in chunks smaller than the other kinds' and stored in blocks:
/// what the import keeps, rejects and reports must be what a reading row by row gives.
/// </summary>
public sealed class ValueRecordsTests
{
    private static readonly object?[] OptionHeader = ["ProjectRef", "OptionNo", "Cost", "Status", "CompletedOn"];

    private static readonly object?[] ProjectHeader = ["ProjectRef", "ProjectType", "FactoryId", "Status", "ApprovedOn", "CompletedOn"];

    [Fact]
    public void Options_across_many_chunks_and_blocks_keep_their_order_and_their_problems_rows()
    {
        // Every 997th option lacks its cost; the 4998th repeats the key of the 4997th. The file spans many chunks
        // of options and more than one block of records.
        const int Rows = 20_000;
        var rows = Enumerable.Range(1, Rows).Select(i => i == 4998
            ? new object?[] { "P-4997", "1", "Cost", "Planned", null }
            : new object?[] { $"P-{i}", "1", i % 997 == 0 ? null : "Cost", "Planned", null });

        var import = TestFiles.Import(("options.csv", TestFiles.Utf8Csv([OptionHeader, .. rows])));

        var bad = Enumerable.Range(1, Rows).Where(i => i % 997 == 0).ToList();
        var expectedIssues = bad.Select(i => (i + 1, "Cost")).Append((4999, "OptionNo")).OrderBy(r => r.Item1);
        Assert.Equal(expectedIssues, import.Issues.Select(i => (i.Row!.Value, i.Column!)));
        var kept = Enumerable.Range(1, Rows).Where(i => i % 997 != 0 && i != 4998).Select(i => $"P-{i}");
        var options = import.ToCycleData().ImprovementOptions;
        Assert.Equal(kept, options.Select(o => o.ProjectRef));
        Assert.Equal(Rows - bad.Count - 1, options.Count);
        Assert.Equal(("P-20000", 20_001), (options[^1].ProjectRef, options[^1].Source.Row));
    }

    [Fact]
    public void A_project_uploaded_again_is_counted_once_when_equal_and_replaced_when_changed()
    {
        object?[] Project(string id, string status, string? completed) => [id, "OnSiteAssessment", "H12345678", status, "2023-05-13", completed];
        var first = TestFiles.Utf8Csv([ProjectHeader, Project("P-1", "Completed", "2024-02-08"), Project("P-2", "Approved", null), Project("P-3", "Approved", null)]);
        var again = TestFiles.Utf8Csv([ProjectHeader, Project("P-2", "Approved", null), Project("P-3", "Completed", "2024-06-30")]);

        var import = TestFiles.Import(("projects.csv", first), ("projects-again.csv", again));

        Assert.Equal((1, 1), (import.Notices.Replaced, import.Notices.Identical));
        Assert.Equal(
            [("P-1", ProjectStatus.Completed, "projects.csv"), ("P-2", ProjectStatus.Approved, "projects.csv"), ("P-3", ProjectStatus.Completed, "projects-again.csv")],
            import.ToCycleData().FundedProjects.Select(p => (p.ProjectRef, p.Status, p.Source.File)));
    }

    [Fact]
    public void A_snapshot_of_the_blocks_keeps_the_records_it_was_taken_with()
    {
        var blocks = new RecordBlocks<int>();
        for (var i = 0; i < 40_000; i++)
        {
            blocks.Add(i);
        }

        var snapshot = blocks.Snapshot();
        blocks.Add(40_000);

        Assert.Equal(Enumerable.Range(0, 40_000), snapshot);
        Assert.Equal((40_000, 40_001, 39_999, 40_000), (snapshot.Count, blocks.Count, snapshot[39_999], blocks[40_000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot[40_000]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(100_000)]
    public void The_key_index_finds_every_key_through_its_growth_and_its_replacements(int keys)
    {
        // Keys whose hash codes collide by sevens, so that probes pass over other keys of the same hash.
        var records = new List<Colliding>();
        var index = new KeyIndex<Colliding>(i => records[i]);
        for (var i = 0; i < keys; i++)
        {
            records.Add(new Colliding(i));
            Assert.Equal(-1, index.FindOrAdd(records[^1], i));
        }

        Assert.Equal(keys - 1, index.FindOrAdd(new Colliding(keys - 1), keys));

        for (var i = 0; i < keys; i += 3)
        {
            records.Add(new Colliding(i));
            index.Set(records[^1], records.Count - 1);
        }

        Assert.Equal(keys, index.Count);
        Assert.All(Enumerable.Range(0, keys), i => Assert.Equal(i % 3 == 0 ? keys + (i / 3) : i, index.Find(new Colliding(i))));
        Assert.Equal(-1, index.Find(new Colliding(keys)));
    }

    private readonly record struct Colliding(int Value)
    {
        public override int GetHashCode() => Value / 7;
    }
}
