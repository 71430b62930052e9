using BatchCycle.Files;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Files;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_write_replaces_the_file_whole_and_leaves_nothing_beside_it()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("result.csv");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllBytes(path, "new content"u8.ToArray());

        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_write_cut_off_by_a_failure_keeps_the_earlier_file_and_removes_its_partial_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("draft.eml");
        File.WriteAllText(path, "earlier draft");

        var failure = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a dra"u8);
            throw new InvalidOperationException("cut off");
        }));

        Assert.Equal("cut off", failure.Message);
        Assert.Equal("earlier draft", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task An_asynchronous_write_cancelled_midway_writes_no_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("screening-results.csv");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("ApplicationId\r\n"u8.ToArray(), token);
            await cancellation.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, cancellation.Token));

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Leftovers_of_writes_cut_off_are_removed_and_other_files_kept()
    {
        using var temp = new TempFolder();
        var leftover = temp.Combine($".2025-M-0001.pdf.{Guid.NewGuid():N}{AtomicFile.PartialSuffix}");
        var output = temp.Combine("2025-M-0002.pdf");
        File.WriteAllText(leftover, "half a certificate");
        File.WriteAllText(output, "a certificate");

        AtomicFile.RemoveLeftovers(temp.Path);
        AtomicFile.RemoveLeftovers(temp.Combine("not-there"));

        Assert.Equal([output], Directory.GetFiles(temp.Path));
    }
}
