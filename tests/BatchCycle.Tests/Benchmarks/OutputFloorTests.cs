using BatchCycle.Benchmarks;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Benchmarks;

/// <summary>The output floor replays what a run wrote: the same files, in the same sub-folders, of the same sizes.</summary>
public sealed class OutputFloorTests
{
    private static readonly (string Path, int Bytes)[] Written =
    [
        ("certificates/2025-M-0001.html", 3_071),
        ("certificates/certificates.csv", 517),
        ("notices/CPP2025-M-00001.eml", 12_289),
        ("results/requirements.csv", 70_001),
        ("results/empty.csv", 0),
        ("run-summary.json", 64),
    ];

    [Fact]
    public void The_walk_lists_every_file_below_the_folder_with_its_relative_path_and_size()
    {
        using var temp = new TempFolder();
        Write(temp.Combine("out"));

        var files = OutputFloor.Walk(temp.Combine("out"));

        Assert.Equal(Written.Select(w => (w.Path, (long)w.Bytes)).OrderBy(w => w.Path, StringComparer.Ordinal), files.Select(f => (f.RelativePath, f.Bytes)));
    }

    [Fact]
    public void The_replay_writes_the_same_count_of_files_with_the_same_names_and_sizes()
    {
        using var temp = new TempFolder();
        Write(temp.Combine("out"));
        var files = OutputFloor.Walk(temp.Combine("out"));

        var result = OutputFloor.Replay(files, temp.Combine("floor"), CancellationToken.None);

        Assert.Equal(files, OutputFloor.Walk(temp.Combine("floor")));
        Assert.Equal(files, result.Files);
        Assert.Equal(Written.Sum(w => w.Bytes) / 1024.0 / 1024.0, result.Megabytes, 9);
        Assert.True(result.Seconds > 0);
        Assert.NotEqual(0, File.ReadAllBytes(temp.Combine("floor", "results", "requirements.csv"))[^1]);
    }

    [Fact]
    public void The_replay_refuses_a_folder_that_exists()
    {
        using var temp = new TempFolder();

        Assert.Throws<InvalidOperationException>(() => OutputFloor.Replay([new OutputFloor.OutputFile("a.txt", 1)], temp.Path, CancellationToken.None));
    }

    private static void Write(string folder)
    {
        foreach (var (path, bytes) in Written)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, new byte[bytes]);
        }
    }
}
