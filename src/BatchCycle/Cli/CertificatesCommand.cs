using System.CommandLine;
using System.Globalization;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Reminders;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// <c>certificates revoke &lt;Serial&gt; --reason "…" [--on yyyy-MM-dd] [--db]</c>: guide 11.1, 11.2. The certificate
/// keeps its serial; it is marked revoked with the day, the reason and the user who ran the command.
/// </summary>
public static class CertificatesCommand
{
    public static Command Create() => new("certificates", "Manage issued certificates.") { RevokeCommand() };

    private static Command RevokeCommand()
    {
        var serial = new Argument<string>("serial") { Description = "The serial of the certificate, e.g. 2025-M-0001." };
        var reason = new Option<string>("--reason") { Description = "Why the label is revoked (kept with the certificate, never shown on /verify).", Required = true };
        var on = new Option<string?>("--on") { Description = "The day the revocation takes effect (yyyy-MM-dd); defaults to today." };
        var db = new Option<string?>("--db") { Description = "SQLite database file; defaults to BatchCycle:Database." };
        var command = new Command("revoke", "Revoke a certificate this system issued; its serial is never reused.") { serial, reason, on, db };
        command.SetAction((parse, cancellationToken) => RevokeAsync(
            parse.GetValue(serial)!, parse.GetValue(reason)!, parse.GetValue(on), parse.GetValue(db), cancellationToken));
        return command;
    }

    private static async Task<int> RevokeAsync(string serial, string reason, string? on, string? db, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var day = today;
        if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ExitCodes.Refuse($"--on '{on}' is not a date of the form yyyy-MM-dd.");
        }

        string databasePath;
        try
        {
            databasePath = db ?? AppConfiguration.Settings(AppConfiguration.Load()).Database;
        }
        catch (SettingsException ex)
        {
            return ExitCodes.Refuse(ex.Message);
        }

        if (!File.Exists(databasePath))
        {
            return ExitCodes.Refuse($"The database '{Path.GetFullPath(databasePath)}' does not exist: no certificate was issued there.");
        }

        BatchCycleDb.Migrate(databasePath);
        var request = new RevocationRequest(serial, reason, day, $"{Environment.UserName} (command line)");
        var outcome = await Revocations.RevokeAsync(databasePath, request, today, cancellationToken);
        if (outcome.Result is RevocationResult.Revoked or RevocationResult.AlreadyRevoked)
        {
            Console.WriteLine(outcome.Message);
            return ExitCodes.Ok;
        }

        return ExitCodes.Refuse(outcome.Message);
    }
}
