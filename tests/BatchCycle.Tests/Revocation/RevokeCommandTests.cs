using BatchCycle.Dashboard;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Revocation;

/// <summary>
/// <c>certificates revoke</c> through the real program, then /verify and the next real <c>run</c>: a revoked label
/// renews nothing, counts as no supplier and gets no reminder (docs/criteria.md, Revocation; guide 11).
/// </summary>
public sealed class RevokeCommandTests
{
    private static readonly DateOnly Awarded2023 = new(2023, 12, 19);
    private static readonly DateOnly Expires2025 = new(2025, 12, 18);

    [Fact]
    public async Task A_label_revoked_on_the_command_line_is_revoked_on_verify_and_counts_for_nothing_in_the_next_run()
    {
        using var temp = new TempFolder();
        var db = temp.Combine("run.db");
        BatchCycleDatabase.Sqlite(db).Migrate();
        await IssuedCertificates.AddAsync(db, "2023-M-0001", Awarded2023, Expires2025, IssuedCertificates.Factory(1), "CPP2023-M-1");
        await IssuedCertificates.AddAsync(db, "2023-M-0002", Awarded2023, Expires2025, IssuedCertificates.Factory(2), "CPP2023-M-2");
        await IssuedCertificates.AddAsync(db, "2023-M-0003", Awarded2023, Expires2025, IssuedCertificates.Factory(3), "CPP2023-M-3");
        await IssuedCertificates.AddAsync(db, "2025-M-0001", new DateOnly(2025, 12, 16), new DateOnly(2027, 12, 15), IssuedCertificates.Factory(9), "CPP2025-M-9");

        var first = await ProgramRunner.RunAsync(temp.Path, "certificates", "revoke", "2023-M-0001", "--reason", "factory closed (11.1)", "--on", "2025-03-01", "--db", db);
        var lowerCase = await ProgramRunner.RunAsync(temp.Path, "certificates", "revoke", "2023-m-0002", "--reason", "false declaration", "--on", "2025-04-02", "--db", db);
        var thisYear = await ProgramRunner.RunAsync(temp.Path, "certificates", "revoke", "2025-M-0001", "--reason", "award withdrawn", "--on", "2025-12-20", "--db", db);
        var again = await ProgramRunner.RunAsync(temp.Path, "certificates", "revoke", "2023-M-0001", "--reason", "another reason", "--on", "2025-05-05", "--db", db);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("2023-M-0001", first.StdOut);
        Assert.True(lowerCase.ExitCode == 0, lowerCase.StdErr);
        Assert.True(thisYear.ExitCode == 0, thisYear.StdErr);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already revoked on 2025-03-01", again.StdOut);
        await using (var database = BatchCycleDatabase.Sqlite(db).Open())
        {
            var revoked = await database.Certificates.AsNoTracking().SingleAsync(c => c.Serial == "2023-M-0001");
            Assert.Equal((true, new DateOnly(2025, 3, 1), "factory closed (11.1)"), (revoked.Revoked, revoked.RevokedOn, revoked.RevocationReason));
            Assert.EndsWith("(command line)", revoked.RevokedBy, StringComparison.Ordinal);
            Assert.False((await database.Certificates.AsNoTracking().SingleAsync(c => c.Serial == "2023-M-0003")).Revoked);
        }

        var verified = await CertificateVerification.FindAsync(BatchCycleDatabase.Sqlite(db), IssuedCertificates.Code("2023-M-0001"), new DateOnly(2025, 6, 1), CancellationToken.None);
        Assert.Equal((CertificateStatus.Revoked, new DateOnly(2025, 3, 1)), (verified!.Status, verified.RevokedOn));

        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "applications.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "LabelType", "Kind", "ApplicantName", "RegistrationNo", "RegistrationPlace", "FactoryId", "Relationship", "DeclarationSigned", "SubmittedOn"],
            ["CPP2025-M-1", "M", "Renewal", "港粤精密制造有限公司", "12345678", "HK", IssuedCertificates.Factory(1), "b", "Y", "2025-06-01"],
            ["CPP2025-S-1", "S", "New", "绿链贸易有限公司", "87654321", "HK", null, null, null, "2025-06-01"],
        ]));
        await File.WriteAllBytesAsync(Path.Combine(input, "procurement.csv"), TestFiles.Utf8Csv([
            ["ApplicationId", "SupplierFactoryId", "PeriodFrom"],
            ["CPP2025-S-1", IssuedCertificates.Factory(1), "2024-01-01"],
            ["CPP2025-S-1", IssuedCertificates.Factory(3), "2024-01-01"],
        ]));

        var run = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", db, "--year", "2025", "--as-of", "2025-11-30");

        Assert.True(run.ExitCode == 0, run.StdErr);
        var lines = CsvText.ReadRecords(temp.Combine("out", "results", "requirements.csv"));
        var ren = lines.Single(l => l["ApplicationId"] == "CPP2025-M-1" && l["Requirement"] == "REN");
        Assert.Equal("NotMet", ren["Result"]);
        Assert.Contains("2023-M-0001 is revoked", ren["Note"]);
        var procurement = lines.Single(l => l["ApplicationId"] == "CPP2025-S-1" && l["Requirement"] == "4.3-2");
        Assert.Contains("1 qualifying supplier factory", procurement["Note"]);
        Assert.Contains("2023-M-0003", procurement["Note"]);
        Assert.Contains($"{IssuedCertificates.Factory(1)}: no M/E label", procurement["Note"]);

        var reminded = CsvText.ReadRecords(temp.Combine("out", "reminders", "reminders.csv")).Select(r => r["LabelSerial"]).ToList();
        Assert.Equal(["2023-M-0003"], reminded);
        var listed = CsvText.ReadRecords(temp.Combine("out", "certificates", "certificates.csv")).Single(c => c["Serial"] == "2025-M-0001");
        Assert.Equal(("Revoked", "2025-12-20"), (listed["State"], listed["RevokedOn"]));
        Assert.False(File.Exists(temp.Combine("out", "certificates", "2025-M-0001.html")));
    }

    [Theory]
    [InlineData("2099-M-0001", "factory closed", null, "No certificate with serial 2099-M-0001")]
    [InlineData("2023-M-0001", " ", null, "needs a reason")]
    [InlineData("2023-M-0001", "factory closed", "2023-12-18", "before 2023-M-0001 was awarded (2023-12-19)")]
    [InlineData("2023-M-0001", "factory closed", "2099-01-01", "after today")]
    [InlineData("2023-M-0001", "factory closed", "1/3/2025", "not a date of the form yyyy-MM-dd")]
    public async Task A_revocation_that_cannot_be_made_is_refused_in_one_line_and_changes_nothing(string serial, string reason, string? on, string expected)
    {
        using var temp = new TempFolder();
        var db = temp.Combine("run.db");
        BatchCycleDatabase.Sqlite(db).Migrate();
        await IssuedCertificates.AddAsync(db, "2023-M-0001", Awarded2023, Expires2025, IssuedCertificates.Factory(1), "CPP2023-M-1");

        string[] args = ["certificates", "revoke", serial, "--reason", reason, "--db", db, .. on is null ? Array.Empty<string>() : ["--on", on]];
        var result = await ProgramRunner.RunAsync(temp.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
        await using var database = BatchCycleDatabase.Sqlite(db).Open();
        Assert.False((await database.Certificates.AsNoTracking().SingleAsync()).Revoked);
    }

    [Fact]
    public async Task A_register_row_marked_revoked_revokes_the_systems_certificate_and_the_run_says_so()
    {
        using var temp = new TempFolder();
        var db = temp.Combine("run.db");
        BatchCycleDatabase.Sqlite(db).Migrate();
        await IssuedCertificates.AddAsync(db, "2023-M-0004", Awarded2023, Expires2025, IssuedCertificates.Factory(4), "CPP2023-M-4");
        await IssuedCertificates.AddAsync(db, "2023-M-0005", Awarded2023, Expires2025, IssuedCertificates.Factory(5), "CPP2023-M-5");
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "register.csv"), TestFiles.Utf8Csv([
            ["Serial", "LabelType", "HolderName", "FactoryId", "AwardedOn", "Revoked"],
            ["2023-M-0004", "M", "港粤精密制造有限公司", IssuedCertificates.Factory(4), "2023-12-19", "是"],
            ["2023-M-0005", "M", "港粤精密制造有限公司", IssuedCertificates.Factory(5), "2023-12-19", "否"],
        ]));

        var run = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", "out", "--db", db, "--year", "2025", "--as-of", "2025-11-30");

        Assert.True(run.ExitCode == 0, run.StdErr);
        await using (var database = BatchCycleDatabase.Sqlite(db).Open())
        {
            var certificates = await database.Certificates.AsNoTracking().OrderBy(c => c.Serial).ToListAsync();
            Assert.Equal([(true, "label register"), (false, (string?)null)], certificates.Select(c => (c.Revoked, c.RevokedBy)));
            Assert.Equal(new DateOnly(2025, 11, 30), certificates[0].RevokedOn);
            Assert.Contains("register.csv", certificates[0].RevocationReason);
        }

        Assert.Contains("Certificate 2023-M-0004 is marked Revoked in the label register", await File.ReadAllTextAsync(temp.Combine("out", "run-summary.json")));
        var reminded = CsvText.ReadRecords(temp.Combine("out", "reminders", "reminders.csv")).Select(r => r["LabelSerial"]).ToList();
        Assert.Equal(["2023-M-0005"], reminded);
    }
}
