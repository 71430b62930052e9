using System.CommandLine;
using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// The options of the verbs that start a run (<c>run</c>, <c>reminders draft</c>), declared once so that they are
/// named, described and checked alike; and the options other verbs share with them (<c>--db</c>, <c>--year</c>).
/// </summary>
public sealed class RunOptions(string outputDescription)
{
    public Option<string> Input { get; } = new("--input") { Description = "Folder of the cycle's spreadsheets (.xlsx, .xls, .csv).", Required = true };

    public Option<string> Output { get; } = new("--out") { Description = outputDescription, Required = true };

    public Option<int?> Year { get; } = RunArguments.YearOption("Cycle year; defaults to BatchCycle:Year in appsettings.json.");

    public Option<string?> Database { get; } = RunArguments.DatabaseOption();

    public Option<string?> AsOf { get; } = new("--as-of") { Description = "The date taken as today (yyyy-MM-dd), for reproducible runs." };

    public RunArguments Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(Input)!, parse.GetValue(Output)!, parse.GetValue(Year), parse.GetValue(Database), parse.GetValue(AsOf));
    }
}

/// <summary>What a verb that starts a run was given (<see cref="RunOptions"/>).</summary>
public sealed record RunArguments(string Input, string Output, int? Year, string? Db, string? AsOf)
{
    /// <summary>What is wrong with the input folder or <c>--as-of</c>, in the user's words, or null; <paramref name="today"/> is the run's "today".</summary>
    public string? Problem(out DateOnly today)
    {
        today = DateOnly.FromDateTime(DateTime.Now);
        if (!Directory.Exists(Input))
        {
            return $"The input folder '{Path.GetFullPath(Input)}' does not exist.";
        }

        return AsOf is not null && !Days.TryParseIso(AsOf, out today)
            ? $"--as-of '{AsOf}' is not a date of the form yyyy-MM-dd."
            : null;
    }

    /// <summary>The database of <c>--db</c>, or of BatchCycle:Database without it.</summary>
    public BatchCycleDatabase Database(BatchCycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return BatchCycleDatabase.Parse(Db ?? settings.Database);
    }

    /// <summary>What is wrong with the output folder or the database, in the user's words, or null.</summary>
    public string? PathProblem(BatchCycleSettings settings) =>
        PathArguments.OutputFolderProblem(Output) ?? PathArguments.DatabaseProblem(Database(settings));

    public RunRequest Request(BatchCycleSettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(Input, Output, Year ?? settings.Year, today, "cli");
    }

    /// <summary><c>--db</c>: the database every verb works on.</summary>
    public static Option<string?> DatabaseOption() => new("--db") { Description = "SQLite database file or PostgreSQL connection string (Host=…;Database=…;Username=…); defaults to BatchCycle:Database." };

    /// <summary><c>--year</c>, read as a whole number; anything else is a parse error in the user's words (exit 2).</summary>
    public static Option<int?> YearOption(string description) => new("--year")
    {
        Description = description,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                return year;
            }

            result.AddError($"--year '{token}' is not a year such as 2025.");
            return null;
        },
    };
}
