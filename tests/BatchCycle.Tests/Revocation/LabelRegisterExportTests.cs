using BatchCycle.Certificates;
using BatchCycle.Storage;
using BatchCycle.Tests.Reminders;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Revocation;

/// <summary>
/// <c>certificates export</c> through the real program, read back with Python's csv reader: every certificate the
/// system issued, in the label register's columns, with its state on the day asked (issue: "an exported label
/// register show the state").
/// </summary>
public sealed class LabelRegisterExportTests
{
    [Theory]
    [InlineData("2027-12-15", false, "2026-01-10", LabelState.Valid)]
    [InlineData("2026-01-10", false, "2026-01-10", LabelState.Valid)]
    [InlineData("2026-01-09", false, "2026-01-10", LabelState.Expired)]
    [InlineData("2027-12-15", true, "2026-01-10", LabelState.Revoked)]
    [InlineData("2025-12-18", true, "2026-01-10", LabelState.Revoked)]
    public void A_label_is_valid_until_its_expiry_day_and_revoked_whatever_its_expiry(string expiresOn, bool revoked, string day, LabelState expected)
    {
        var certificate = new CertificateRecord { Serial = "2025-M-0001", ExpiresOn = DateOnly.Parse(expiresOn, System.Globalization.CultureInfo.InvariantCulture), Revoked = revoked };

        Assert.Equal(expected, LabelRegisterExport.StateOn(certificate, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_export_lists_every_issued_certificate_with_its_state_and_revocation_day_but_not_the_reason()
    {
        using var temp = new TempFolder();
        var db = temp.Combine("run.db");
        BatchCycleDatabase.Sqlite(db).Migrate();
        await IssuedCertificates.AddAsync(db, "2023-M-0001", new DateOnly(2023, 12, 19), new DateOnly(2025, 12, 18), IssuedCertificates.Factory(1), "CPP2023-M-1");
        await IssuedCertificates.AddAsync(db, "2025-M-0001", new DateOnly(2025, 12, 16), new DateOnly(2027, 12, 15), IssuedCertificates.Factory(2), "CPP2025-M-1");
        await IssuedCertificates.AddAsync(db, "2025-M-0002", new DateOnly(2025, 12, 16), new DateOnly(2027, 12, 15), IssuedCertificates.Factory(3), "CPP2025-M-2");
        var revoke = await ProgramRunner.RunAsync(temp.Path, "certificates", "revoke", "2025-M-0002", "--reason", "false declaration", "--on", "2026-01-05", "--db", db);
        Assert.True(revoke.ExitCode == 0, revoke.StdErr);

        var export = await ProgramRunner.RunAsync(temp.Path, "certificates", "export", "--out", "register/label-register.csv", "--as-of", "2026-01-10", "--db", db);

        Assert.True(export.ExitCode == 0, export.StdErr);
        Assert.Contains("3 certificate(s) written", export.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 valid, 1 expired, 1 revoked", export.StdOut, StringComparison.Ordinal);
        var file = temp.Combine("register", "label-register.csv");
        var rows = PythonTools.ReadCsv(file);
        Assert.Equal(
            [("2023-M-0001", "Expired", "no", ""), ("2025-M-0001", "Valid", "no", ""), ("2025-M-0002", "Revoked", "yes", "2026-01-05")],
            rows.Select(r => (r["Serial"], r["State"], r["Revoked"], r["RevokedOn"])));
        Assert.Equal(
            ["Serial", "LabelType", "HolderName", "HolderRegistrationNo", "FactoryId", "ProviderId", "AwardedOn", "ExpiresOn", "Route", "Revoked", "ContactEmail", "ContactName", "State", "RevokedOn"],
            rows[0].Keys);
        Assert.Equal(("M", "2025-12-16", "2027-12-15", "Audit", "12345678"), (rows[2]["LabelType"], rows[2]["AwardedOn"], rows[2]["ExpiresOn"], rows[2]["Route"], rows[2]["HolderRegistrationNo"]));
        Assert.DoesNotContain("false declaration", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_or_a_bad_day_is_refused_in_one_line()
    {
        using var temp = new TempFolder();
        var db = temp.Combine("run.db");

        var missing = await ProgramRunner.RunAsync(temp.Path, "certificates", "export", "--out", "register.csv", "--db", db);
        BatchCycleDatabase.Sqlite(db).Migrate();
        var badDay = await ProgramRunner.RunAsync(temp.Path, "certificates", "export", "--out", "register.csv", "--as-of", "10/01/2026", "--db", db);

        Assert.Equal((2, 2), (missing.ExitCode, badDay.ExitCode));
        Assert.Contains("does not exist", missing.StdErr, StringComparison.Ordinal);
        Assert.Contains("--as-of '10/01/2026'", badDay.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("register.csv")));
    }
}
