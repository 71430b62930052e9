using System.Text;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Runs;

/// <summary>The golden tests' own means: blanking the random column, and naming where a file first differs.</summary>
public sealed class GoldenOutputsTests
{
    [Theory]
    [InlineData("A,VerificationCode,B\n1,x1,2\n3,y2,4\n", "A,VerificationCode,B\n1,,2\n3,,4\n")]
    [InlineData("\uFEFFA,VerificationCode\r\n1,x1\r\n2,\"y,\"\"2\"\r\n", "\uFEFFA,VerificationCode\r\n1,\r\n2,\r\n")]
    [InlineData("VerificationCode,A\n\"a\nb\",\"1,\"\"2\"\"\"\nc,3", "VerificationCode,A\n,\"1,\"\"2\"\"\"\n,3")]
    [InlineData("A,\"VerificationCode\",B\n\"q,\",z,\"w\"\"\"\n", "A,\"VerificationCode\",B\n\"q,\",,\"w\"\"\"\n")]
    [InlineData("A,VerificationCode\n", "A,VerificationCode\n")]
    public void Only_the_named_column_is_blanked_and_every_other_byte_kept(string csv, string expected) =>
        Assert.Equal(expected, GoldenOutputs.BlankColumn(csv, GoldenOutputs.RandomColumn));

    [Fact]
    public void A_list_without_the_column_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => GoldenOutputs.BlankColumn("A,B\n1,2\n", GoldenOutputs.RandomColumn));

    [Theory]
    [InlineData(10, 7, "results/a.csv: differs", "the first difference is at line 7 (10 lines now, 10 expected)")]
    [InlineData(3_000, 2_501, "results/a.csv: differs", "the first difference is within lines 2,500–2,502 (3,000 lines now, 3,000 expected; the manifest keeps one hash per 3 lines)")]
    public void A_changed_line_is_named_with_the_file(int lines, int changed, string file, string where)
    {
        using var temp = new TempFolder();
        GoldenManifest.Write(temp.Path, "m", [("results/a.csv", Lines(lines, 0)), ("results/b.csv", Lines(5, 0))]);

        var differences = GoldenManifest.Differences(temp.Path, "m", [("results/a.csv", Lines(lines, changed)), ("results/b.csv", Lines(5, 0))]);

        var difference = Assert.Single(differences);
        Assert.StartsWith(file, difference, StringComparison.Ordinal);
        Assert.EndsWith(where, difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_added_and_longer_files_are_named()
    {
        using var temp = new TempFolder();
        GoldenManifest.Write(temp.Path, "m", [("results/a.csv", Lines(4, 0)), ("results/gone.csv", Lines(1, 0))]);

        var differences = GoldenManifest.Differences(temp.Path, "m", [("results/a.csv", Lines(5, 0)), ("results/new.csv", Lines(1, 0))]);

        Assert.Equal(3, differences.Count);
        Assert.Contains("results/gone.csv: in the manifest, but the run did not write it", differences);
        Assert.Contains("results/new.csv: written by the run, but not in the manifest", differences);
        Assert.Contains(differences, d => d.StartsWith("results/a.csv: differs", StringComparison.Ordinal) && d.EndsWith("the first difference is at line 5 (5 lines now, 4 expected)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_files_have_no_difference()
    {
        using var temp = new TempFolder();
        (string, byte[])[] files = [("results/a.csv", Lines(2_100, 0)), ("certificates/certificates.csv", Lines(3, 0))];
        GoldenManifest.Write(temp.Path, "m", files);

        Assert.Empty(GoldenManifest.Differences(temp.Path, "m", files));
        Assert.Equal(2, File.ReadAllLines(temp.Combine("m.sha256")).Length);
    }

    /// <summary>Numbered lines; line <paramref name="changed"/> (1-based, 0 for none) reads differently.</summary>
    private static byte[] Lines(int count, int changed) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i => i == changed ? $"changed {i}\n" : $"line {i}\n")));
}
