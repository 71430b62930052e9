using System.Net;
using BatchCycle.Storage;

namespace BatchCycle.Tests.Dashboard;

public sealed class DashboardVerifyTests
{
    private const string Code = "q7Hc2Vt9XyLmN4pR8sKw1A";

    private static async Task AddCertificateAsync(string databasePath, DateOnly expiresOn, bool revoked)
    {
        await using var db = BatchCycleDatabase.Sqlite(databasePath).Open();
        db.Certificates.Add(new CertificateRecord
        {
            Serial = "2025-M-0007",
            Year = 2025,
            LabelType = "M",
            Sequence = 7,
            ApplicationId = "APP-SECRET-0042",
            HolderName = "华南精密制造有限公司",
            HolderNameEn = "South China Precision Manufacturing Ltd",
            HolderRegistrationNo = "BR-99887766",
            FactoryId = "F-123",
            FactoryName = "东莞一厂",
            AwardedOn = new DateOnly(2025, 12, 16),
            ExpiresOn = expiresOn,
            VerificationCode = Code,
            EvidenceJson = "[\"audit-report-2025.pdf\"]",
            ContactName = "陈大文",
            ContactEmail = "chan@example.com",
            Revoked = revoked,
            IssuedAt = DateTime.UtcNow,
            RunId = 1,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_verify_page_is_public_and_shows_only_serial_holder_label_type_and_validity()
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: db => AddCertificateAsync(db, new DateOnly(2099, 12, 15), revoked: false));
        using var client = host.Client();

        var response = await client.GetAsync($"/verify/{Code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("2025-M-0007", html);
        Assert.Contains("华南精密制造有限公司", html);
        Assert.Contains("South China Precision Manufacturing Ltd", html);
        Assert.Contains("粤港清洁生产伙伴（制造业）", html);
        Assert.Contains("Manufacturing Partner", html);
        Assert.Contains("2025-12-16", html);
        Assert.Contains("2099-12-15", html);
        Assert.Contains("有效 Valid", html);
        foreach (var secret in new[] { "APP-SECRET-0042", "BR-99887766", "F-123", "东莞一厂", "audit-report", "陈大文", "chan@example.com", "/runs", "Sign out" })
        {
            Assert.DoesNotContain(secret, html);
        }
    }

    [Theory]
    [InlineData(2020, false, "已过期 Expired")]
    [InlineData(2099, true, "已撤销 Revoked")]
    [InlineData(2020, true, "已撤销 Revoked")]
    public async Task An_expired_or_revoked_certificate_says_so(int expiryYear, bool revoked, string verdict)
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: db => AddCertificateAsync(db, new DateOnly(expiryYear, 12, 15), revoked));
        using var client = host.Client();

        var html = await client.GetStringAsync($"/verify/{Code}");

        Assert.Contains(verdict, html);
        Assert.DoesNotContain("有效 Valid", html);
    }

    [Theory]
    [InlineData("q7Hc2Vt9XyLmN4pR8sKw1B")]
    [InlineData("short")]
    [InlineData("%27%20OR%201%3D1--xxxxxxxxxxxx")]
    public async Task An_unknown_code_is_a_404_with_a_plain_message(string code)
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: db => AddCertificateAsync(db, new DateOnly(2099, 12, 15), revoked: false));
        using var client = host.Client();

        var response = await client.GetAsync($"/verify/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("No certificate has this verification code", html);
        Assert.DoesNotContain("2025-M-0007", html);
    }
}
