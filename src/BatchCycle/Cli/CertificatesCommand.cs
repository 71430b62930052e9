using System.CommandLine;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Reminders;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// <c>certificates revoke &lt;Serial&gt; --reason "…" [--on yyyy-MM-dd] [--db]</c>: guide 11.1, 11.2. The certificate
/// keeps its serial; it is marked revoked with the day, the reason and the user who ran the command.
/// <c>certificates export --out &lt;file.csv&gt; [--as-of] [--db]</c>: the label register of every certificate issued, with its state.
/// </summary>
public static class CertificatesCommand
{
    public static Command Create() => new("certificates", "Manage issued certificates.") { RevokeCommand(), ExportCommand() };

    private static Command RevokeCommand()
    {
        var serial = new Argument<string>("serial") { Description = "The serial of the certificate, e.g. 2025-M-0001." };
        var reason = new Option<string>("--reason") { Description = "Why the label is revoked (kept with the certificate, never shown on /verify).", Required = true };
        var on = new Option<string?>("--on") { Description = "The day the revocation takes effect (yyyy-MM-dd); defaults to today." };
        var db = RunArguments.DatabaseOption();
        var command = new Command("revoke", "Revoke a certificate this system issued; its serial is never reused.") { serial, reason, on, db };
        command.SetAction((parse, cancellationToken) => RevokeAsync(
            parse.GetValue(serial)!, parse.GetValue(reason)!, parse.GetValue(on), parse.GetValue(db), cancellationToken));
        return command;
    }

    private static Command ExportCommand()
    {
        var output = new Option<string>("--out") { Description = "The CSV file to write (label register columns, then State and RevokedOn).", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The day the states are for (yyyy-MM-dd); defaults to today." };
        var db = RunArguments.DatabaseOption();
        var command = new Command("export", "Write the label register of every certificate this system issued, with its state (Valid, Expired, Revoked).")
        {
            output, asOf, db,
        };
        command.SetAction((parse, cancellationToken) => ExportAsync(parse.GetValue(output)!, parse.GetValue(asOf), parse.GetValue(db), cancellationToken));
        return command;
    }

    private static async Task<int> ExportAsync(string output, string? asOf, string? db, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(DateTime.Now);
        if (asOf is not null && !Days.TryParseIso(asOf, out day))
        {
            return ExitCodes.Refuse($"--as-of '{asOf}' is not a date of the form yyyy-MM-dd.");
        }

        var database = BatchCycleDatabase.Parse(db ?? AppConfiguration.Settings(AppConfiguration.Load()).Database);
        if (!database.Exists)
        {
            return ExitCodes.Refuse($"The database '{database}' does not exist: no certificate was issued there.");
        }

        if (Directory.Exists(output))
        {
            return ExitCodes.Refuse($"--out '{output}' is a folder; give the CSV file to write, e.g. label-register.csv.");
        }

        database.Migrate();
        var counts = await LabelRegisterExport.WriteAsync(database, output, day, cancellationToken);
        Console.WriteLine($"{counts.Total} certificate(s) written to {Path.GetFullPath(output)}: {counts.Valid} valid, {counts.Expired} expired, "
            + $"{counts.Revoked} revoked on {Days.Iso(day)}. 已导出 {counts.Total} 张证书：有效 {counts.Valid}，已届满 {counts.Expired}，已撤销 {counts.Revoked}。");
        return ExitCodes.Ok;
    }

    private static async Task<int> RevokeAsync(string serial, string reason, string? on, string? db, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var day = today;
        if (on is not null && !Days.TryParseIso(on, out day))
        {
            return ExitCodes.Refuse($"--on '{on}' is not a date of the form yyyy-MM-dd.");
        }

        BatchCycleDatabase database;
        try
        {
            database = BatchCycleDatabase.Parse(db ?? AppConfiguration.Settings(AppConfiguration.Load()).Database);
        }
        catch (SettingsException ex)
        {
            return ExitCodes.Refuse(ex.Message);
        }

        if (!database.Exists)
        {
            return ExitCodes.Refuse($"The database '{database}' does not exist: no certificate was issued there.");
        }

        database.Migrate();
        var request = new RevocationRequest(serial, reason, day, $"{Environment.UserName} (command line)");
        var outcome = await Revocations.RevokeAsync(database, request, today, cancellationToken);
        if (outcome.Result is RevocationResult.Revoked or RevocationResult.AlreadyRevoked)
        {
            Console.WriteLine(outcome.Message);
            return ExitCodes.Ok;
        }

        return ExitCodes.Refuse(outcome.Message);
    }
}
