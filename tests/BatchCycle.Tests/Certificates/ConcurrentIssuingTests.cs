using BatchCycle.Storage;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using static BatchCycle.Tests.Certificates.CertificateCycle;

namespace BatchCycle.Tests.Certificates;

public sealed class ConcurrentIssuingTests
{
    [Fact]
    public async Task Two_issuers_on_one_database_never_share_a_serial_and_leave_no_gap()
    {
        using var cycle = new CertificateCycle();
        var format = SerialFormat.Parse(cycle.Settings.SerialFormat);
        using var start = new ManualResetEventSlim();

        // Each issuer has its own connection, as two processes would; one certificate per transaction so that
        // their transactions interleave as much as they can.
        Task<List<string>> Issuer(string prefix) => Task.Run(async () =>
        {
            start.Wait();
            var serials = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                var application = Application($"{prefix}-{i:00}", LabelType.M, $"{prefix} 公司 {i}");
                var issued = await CertificateIssuer.IssueAsync(BatchCycleDatabase.Sqlite(cycle.DatabasePath), 1, Year, format, AwardedOn,
                    [new CertificateRequest(application, null, [])], CancellationToken.None);
                serials.Add(Assert.Single(issued).Serial);
            }

            return serials;
        });

        var first = Issuer("A");
        var second = Issuer("B");
        start.Set();
        var serials = (await Task.WhenAll(first, second)).SelectMany(s => s).ToList();

        Assert.Equal(50, serials.Distinct(StringComparer.Ordinal).Count());
        var stored = await cycle.CertificatesAsync();
        Assert.Equal(Enumerable.Range(1, 50), stored.Select(c => c.Sequence).Order());
        Assert.Equal(serials.Order(StringComparer.Ordinal), stored.Select(c => c.Serial).Order(StringComparer.Ordinal));
        Assert.Equal(50, stored.Select(c => c.ApplicationId).Distinct().Count());
    }

    [Fact]
    public async Task Two_issuers_for_the_same_applications_issue_each_certificate_once()
    {
        using var cycle = new CertificateCycle();
        var format = SerialFormat.Parse(cycle.Settings.SerialFormat);
        var requests = Enumerable.Range(0, 20)
            .Select(i => new CertificateRequest(Application($"S-{i:00}", LabelType.S, $"供应链公司 {i}"), null, []))
            .ToList();

        var issued = await Task.WhenAll(
            Task.Run(() => CertificateIssuer.IssueAsync(BatchCycleDatabase.Sqlite(cycle.DatabasePath), 1, Year, format, AwardedOn, requests, CancellationToken.None)),
            Task.Run(() => CertificateIssuer.IssueAsync(BatchCycleDatabase.Sqlite(cycle.DatabasePath), 2, Year, format, AwardedOn, requests, CancellationToken.None)));

        Assert.Equal(20, issued.Sum(i => i.Count));
        var stored = await cycle.CertificatesAsync();
        Assert.Equal(Enumerable.Range(1, 20), stored.Select(c => c.Sequence).Order());
    }
}
