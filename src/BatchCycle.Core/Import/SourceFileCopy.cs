using System.Security.Cryptography;

namespace BatchCycle.Import;

/// <summary>Copies an input file into its stored row a megabyte at a time, with what tells whether it is still the file that was read.</summary>
public static class SourceFileCopy
{
    /// <summary>
    /// Copies at most <paramref name="size"/> bytes (the stored row has room for that many) from <paramref name="from"/>
    /// to <paramref name="to"/>. Returns the SHA-256 of the bytes copied and how many bytes <paramref name="from"/>
    /// held, counting one more when it held more than <paramref name="size"/>: a file that grew is told from one that
    /// did not, without reading the rest of it.
    /// </summary>
    public static (long Size, byte[] Sha256) Copy(Stream from, Stream to, long size)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long copied = 0;
        while (copied < size && from.Read(buffer, 0, (int)Math.Min(buffer.Length, size - copied)) is var read and > 0)
        {
            hash.AppendData(buffer, 0, read);
            to.Write(buffer, 0, read);
            copied += read;
        }

        var longer = from.Read(buffer, 0, 1) > 0;
        return (longer ? copied + 1 : copied, hash.GetHashAndReset());
    }
}
