using System.Text.RegularExpressions;

namespace BatchCycle.Reminders;

/// <summary>
/// A reminder round ("first", "second", …). Each round has its own outbox rows and Message-IDs, so a second
/// round a month before the deadline never re-sends the first.
/// </summary>
public static partial class ReminderRound
{
    public const string First = Cycle.ReminderSettings.FirstRound;

    /// <summary>A round name becomes part of a folder name and of a Message-ID, so it is kept to letters, digits and dashes.</summary>
    public static bool IsValid(string? round) => round is not null && RoundPattern().IsMatch(round);

    /// <summary>The folder of a round's drafts: the settings' round writes to <c>reminders/</c> as docs/outputs.md lists it.</summary>
    public static string[] FolderParts(string round, string pipelineRound) =>
        string.Equals(round, pipelineRound, StringComparison.Ordinal) ? ["reminders"] : ["reminders", round];

    public static string Describe() => "a round name is 1 to 32 lower-case letters, digits or dashes, starting with a letter or digit (e.g. first, second)";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex RoundPattern();
}
