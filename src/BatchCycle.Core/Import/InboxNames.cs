using System.Text;
using BatchCycle.Files;

namespace BatchCycle.Import;

/// <summary>
/// The names files of an input folder were given by the people who uploaded them, where the folder is an inbox
/// that stores files under generated names: one small text file per stored file in the folder's <c>.names</c>
/// sub-folder (a sub-folder, so the import never reads it as input). Import issues, the run summary and the
/// panel workbook name a file as the officer knows it; the stored name stays a detail of the run's input list.
/// </summary>
public static class InboxNames
{
    public const string Folder = ".names";

    /// <summary>The name <paramref name="storedName"/> was uploaded under, or null when the folder keeps none for it.</summary>
    public static string? Of(string inputFolder, string storedName)
    {
        var path = PathOf(inputFolder, storedName);
        if (!File.Exists(path))
        {
            return null;
        }

        var name = File.ReadAllText(path, Encoding.UTF8).Trim();
        return name.Length == 0 ? null : name;
    }

    public static void Write(string inputFolder, string storedName, string originalName)
    {
        Directory.CreateDirectory(Path.Combine(inputFolder, Folder));
        AtomicFile.WriteAllBytes(PathOf(inputFolder, storedName), new UTF8Encoding(false).GetBytes(originalName));
    }

    public static void Remove(string inputFolder, string storedName) => File.Delete(PathOf(inputFolder, storedName));

    private static string PathOf(string inputFolder, string storedName) => Path.Combine(inputFolder, Folder, storedName + ".txt");
}
