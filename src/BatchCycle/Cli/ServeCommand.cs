using System.CommandLine;
using BatchCycle.Cycle;
using BatchCycle.Dashboard;

namespace BatchCycle.Cli;

/// <summary><c>serve [--urls] [--db] [--data]</c>: the dashboard and the scheduler until stopped (Ctrl+C).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080; defaults to BatchCycle:Dashboard:Urls." };
        var db = RunArguments.DatabaseOption();
        var data = new Option<string?>("--data") { Description = "Folder of the inboxes and of dashboard runs' output; defaults to BatchCycle:Dashboard:DataFolder." };
        var command = new Command("serve", "Start the dashboard and the run scheduler.") { urls, db, data };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(urls), parse.GetValue(db), parse.GetValue(data), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string? urls, string? db, string? data, CancellationToken cancellationToken)
    {
        DashboardOptions options;
        Microsoft.AspNetCore.Builder.WebApplication built;
        try
        {
            options = DashboardOptions.FromConfiguration(AppConfiguration.Load(), db, data);
            if (urls is not null)
            {
                options.Dashboard.Urls = urls;
            }

            if (PathArguments.DatabaseProblem(options.Database) is { } pathProblem)
            {
                return ExitCodes.Refuse(pathProblem);
            }

            // Building registers the schedules, and the job scheduler checks each cron field's values then.
            built = DashboardApp.Build(options);
        }
        catch (SettingsException ex)
        {
            return ExitCodes.Refuse(ex.Message);
        }

        await using var app = built;
        Console.WriteLine($"Dashboard on {options.Dashboard.Urls} (database {options.Database}, data {options.DataFolder}); Ctrl+C stops it.");
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            // Typically the address is taken by another program (or another serve).
            return ExitCodes.Refuse($"The dashboard could not listen on {options.Dashboard.Urls}: {ex.Message}");
        }

        return ExitCodes.Ok;
    }
}
