using System.IO.Compression;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Reliability;

/// <summary>
/// The import bounds a package's unpacked size by the sizes it declares (WorkbookFile.InspectPackage). That is
/// safe only because the zip reader never unpacks an entry beyond its declared length; this pins that
/// behaviour, so a runtime that changed it would fail here rather than let a lying package through.
/// </summary>
public sealed class PackageLimitsTests
{
    [Fact]
    public void A_part_that_lies_about_its_size_unpacks_to_no_more_than_it_declares()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 8; i++)
            {
                entry.Write(spaces);
            }
        }

        var lying = HostilePackages.DeclareSizes(stream.ToArray(), 1000);

        using var read = new ZipArchive(new MemoryStream(lying), ZipArchiveMode.Read);
        var part = Assert.Single(read.Entries);
        Assert.Equal(1000, part.Length);
        using var content = part.Open();
        long unpacked = 0;
        var buffer = new byte[64 * 1024];
        try
        {
            for (int n; (n = content.Read(buffer)) > 0;)
            {
                unpacked += n;
            }
        }
        catch (InvalidDataException)
        {
            // Refusing the part outright is as good as stopping at its declared length.
        }

        Assert.InRange(unpacked, 0, 1000);
    }

    [Fact]
    public void The_lying_package_is_reported_as_damaged()
    {
        var import = TestFiles.Import(("lying.xlsx", HostilePackages.DeclareSizes(HostileFiles.GoodXlsx("LIE"), 10)));

        Assert.StartsWith("not a readable Excel workbook", Assert.Single(import.Issues).Problem);
        Assert.Empty(import.ToCycleData().Applications);
    }
}
