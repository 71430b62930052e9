using System.Security.Cryptography;
using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

/// <summary>
/// A CSV file is read from the disk as it is parsed and again as it is stored: the copy tells whether the file is
/// still the one whose checksum and size were taken when it was read.
/// </summary>
public sealed class SourceFileCopyTests
{
    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 10, true)]
    [InlineData(3_000_000, 3_000_000, true)]
    [InlineData(3_000_000, 2_999_999, false)]
    [InlineData(3_000_000, 3_000_001, false)]
    [InlineData(1, 2, false)]
    public void The_copy_tells_a_file_that_shrank_or_grew_from_the_one_read(int readSize, int nowSize, bool same)
    {
        var read = Bytes(readSize);
        var now = Bytes(nowSize);
        using var stored = new MemoryStream();

        var (size, sha256) = SourceFileCopy.Copy(new MemoryStream(now), stored, read.Length);

        Assert.Equal(same, size == read.Length && sha256.AsSpan().SequenceEqual(SHA256.HashData(read)));
        Assert.Equal(now.AsSpan(0, Math.Min(readSize, nowSize)).ToArray(), stored.ToArray());
    }

    [Fact]
    public void A_byte_changed_in_place_changes_the_checksum_but_not_the_size()
    {
        var read = Bytes(2_500_000);
        var now = (byte[])read.Clone();
        now[2_000_000] ^= 1;

        var (size, sha256) = SourceFileCopy.Copy(new MemoryStream(now), new MemoryStream(), read.Length);

        Assert.Equal(read.Length, size);
        Assert.NotEqual(SHA256.HashData(read), sha256);
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 31 % 251))];
}
