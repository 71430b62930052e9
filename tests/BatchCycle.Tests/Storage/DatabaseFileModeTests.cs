using System.Runtime.Versioning;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Storage;

/// <summary>The database holds password hashes and every input file: only its owner may read it, like the keys.</summary>
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [SupportedOSPlatform("linux")] // file modes are Unix's
    public void A_new_database_and_its_wal_and_shm_files_are_readable_by_their_owner_only()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("data", "cycle.db");

        BatchCycleDatabase.Sqlite(path).Migrate();
        using var connection = new SqliteConnection(BatchCycle.Storage.SqliteFiles.ConnectionString(path));
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE Probe (Id INTEGER); INSERT INTO Probe VALUES (1);";
            command.ExecuteNonQuery();
        }

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path + "-shm"));
    }

    [Fact]
    [SupportedOSPlatform("linux")] // file modes are Unix's
    public void A_database_made_readable_by_others_before_is_closed_to_them_when_opened_for_use()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("cycle.db");
        BatchCycleDatabase.Sqlite(path).Migrate();
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        BatchCycleDatabase.Sqlite(path).Migrate();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }
}
