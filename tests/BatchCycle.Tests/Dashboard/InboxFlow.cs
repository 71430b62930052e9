namespace BatchCycle.Tests.Dashboard;

/// <summary>Uploads through the dashboard's Upload page as an officer does, answering "add beside" when the page asks.</summary>
internal static class InboxFlow
{
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, bool startRun, params (string Name, byte[] Content)[] files) =>
        DashboardUploadTests.UploadAsync(client, startRun, files);

    public static Task<long> FollowRunAsync(DashboardTestHost host, HttpClient client, HttpResponseMessage response)
    {
        _ = host;
        _ = client;
        return Task.FromResult(DashboardTestHost.RunIdOf(response));
    }
}
