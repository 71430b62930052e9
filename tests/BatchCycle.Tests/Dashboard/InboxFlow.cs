using System.Text.RegularExpressions;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Uploads through the dashboard's Upload page as an officer does, answering the page's question when it asks one.</summary>
internal static partial class InboxFlow
{
    /// <summary>Uploads; when the page asks whether a file replaces one of the inbox, answers "add beside".</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, bool startRun, params (string Name, byte[] Content)[] files)
    {
        var response = await DashboardUploadTests.UploadAsync(client, startRun, files);
        return Question(await response.Content.ReadAsStringAsync()) is { } question
            ? await AnswerAsync(client, question.PendingId, startRun, question.Files.ToDictionary(i => i, _ => "beside"))
            : response;
    }

    /// <summary>The held upload's id and the indexes of the files asked about, or null when the page asks nothing.</summary>
    public static (string PendingId, IReadOnlyList<int> Files)? Question(string page)
    {
        var id = PendingPattern().Match(page);
        return id.Success
            ? (id.Groups[1].Value, [.. AnswerPattern().Matches(page).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()])
            : null;
    }

    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string pendingId, bool startRun, IReadOnlyDictionary<int, string> answers)
    {
        var fields = new Dictionary<string, string>
        {
            ["Year"] = "2025",
            ["pendingId"] = pendingId,
            ["StartRun"] = startRun ? "true" : "false",
            ["__RequestVerificationToken"] = await DashboardTestHost.TokenAsync(client, "/upload"),
        };
        foreach (var (index, answer) in answers)
        {
            fields[$"answer[{index}]"] = answer;
        }

        return await client.PostAsync("/upload?handler=Confirm", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"pendingId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex PendingPattern();

    [GeneratedRegex("name=\"answer\\[(\\d+)\\]\"")]
    private static partial Regex AnswerPattern();
}
