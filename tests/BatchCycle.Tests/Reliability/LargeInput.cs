using System.Globalization;
using System.Text;

namespace BatchCycle.Tests.Reliability;

/// <summary>Input large enough that a run takes a moment (to be interrupted or overlapped), written in a blink.</summary>
public static class LargeInput
{
    /// <summary>An Applications CSV of the given number of valid rows, ids APP-000001 upwards.</summary>
    public static void WriteApplications(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(string.Join(',', HostileFiles.ApplicationHeader) + "\r\n");
        for (var i = 1; i <= count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"APP-{i:D6},{"ME"[i % 2]},{(i % 3 == 0 ? "Renewal" : "New")},测试公司{i} Ltd,{1 + (i % 28)}/05/2025\r\n"));
        }
    }

    /// <summary>Panel decisions approving the first <paramref name="count"/> applications: certificates to issue.</summary>
    public static void WriteApprovals(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("ApplicationId,Decision,Remarks\r\n");
        for (var i = 1; i <= count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"APP-{i:D6},Approve,\r\n"));
        }
    }

    /// <summary>Register labels that expire in 2025, each with an e-mail address: reminders to draft.</summary>
    public static void WriteExpiringLabels(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("Serial,LabelType,HolderName,FactoryId,AwardedOn,ContactEmail\r\n");
        for (var i = 1; i <= count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"2023-M-{i:D4},M,登记公司{i} Ltd,H{10_000_000 + i},2023-12-19,holder{i}@example.com\r\n"));
        }
    }
}
