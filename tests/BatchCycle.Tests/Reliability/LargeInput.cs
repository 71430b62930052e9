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
}
