using System.Globalization;

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

        return asOf is not null && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today)
            ? $"--as-of '{asOf}' is not a date of the form yyyy-MM-dd."
            : null;
    }
}
