using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Architecture;

/// <summary>House rule: no source file over 400 lines, so that a newcomer can hold each one in their head.</summary>
public sealed class SourceSizeTests
{
    private const int MaxLines = 400;

    [Theory]
    [InlineData("src")]
    [InlineData("tests")]
    public void No_source_file_is_over_400_lines(string folder)
    {
        var root = Path.Combine(Repo.Root, folder);
        var separator = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .ToList();

        var tooLong = files.Select(f => (File: Path.GetRelativePath(Repo.Root, f), Lines: File.ReadLines(f).Count())).Where(f => f.Lines > MaxLines).ToList();

        Assert.NotEmpty(files);
        Assert.True(tooLong.Count == 0, string.Join("; ", tooLong.Select(f => $"{f.File} has {f.Lines} lines")));
    }
}
