using System.CommandLine;
using System.Globalization;
using BatchCycle.Messages;

namespace BatchCycle.Cli;

/// <summary>The checks every verb that starts a run makes on its input folder and <c>--as-of</c> date.</summary>
public static class RunArguments
{
    /// <summary>What is wrong with the arguments, in the user's words, or null; <paramref name="today"/> is the run's "today".</summary>
    public static string? Problem(string input, string? asOf, out DateOnly today)
    {
        today = DateOnly.FromDateTime(DateTime.Now);
        if (!Directory.Exists(input))
        {
            return $"The input folder '{Path.GetFullPath(input)}' does not exist.";
        }

        return asOf is not null && !Days.TryParseIso(asOf, out today)
            ? $"--as-of '{asOf}' is not a date of the form yyyy-MM-dd."
            : null;
    }

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
