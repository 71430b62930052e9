using System.Net;
using BatchCycle.Reminders;
using BatchCycle.Storage;
using BatchCycle.Tests.Revocation;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Dashboard;

/// <summary>Revoke on the dashboard's Certificates page: signed in, with an anti-forgery token and a reason (guide 11).</summary>
public sealed class DashboardRevokeTests
{
    private const string Serial = "2025-M-0007";

    private static async Task SeedAsync(string databasePath)
    {
        await IssuedCertificates.AddAsync(databasePath, Serial, new DateOnly(2025, 12, 16), new DateOnly(2099, 12, 15), IssuedCertificates.Factory(7), "CPP2025-M-7");
        await using var db = BatchCycleDatabase.Sqlite(databasePath).Open();
        db.Set<ReminderOutboxMessage>().Add(new ReminderOutboxMessage
        {
            Round = "first",
            Year = 2025,
            LabelSerial = Serial,
            LabelType = "M",
            HolderName = "港粤精密制造有限公司",
            ExpiresOn = new DateOnly(2099, 12, 15),
            Recipient = "chan@holder.example.hk",
            Subject = "s",
            TextBody = "t",
            HtmlBody = "h",
            MessageId = "<m1@example.org.hk>",
            State = ReminderState.Drafted,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static FormUrlEncodedContent Form(string? token, string reason, string on = "2026-01-05") => new(new Dictionary<string, string>
    {
        ["serial"] = Serial,
        ["reason"] = reason,
        ["on"] = on,
        ["__RequestVerificationToken"] = token ?? "",
    });

    [Fact]
    public async Task A_signed_in_user_revokes_with_a_reason_and_verify_then_says_revoked_with_the_date_only()
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: SeedAsync);
        using var client = await host.SignedInClientAsync();
        Assert.Contains(Serial, await client.GetStringAsync("/certificates"));
        var token = await DashboardTestHost.TokenAsync(client, "/certificates");

        var response = await client.PostAsync("/certificates?handler=Revoke", Form(token, "fraudulent evidence (11.2)"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync("/certificates");
        Assert.Contains("已撤销 Revoked 2026-01-05", page);
        await using (var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open())
        {
            var certificate = await db.Certificates.AsNoTracking().SingleAsync();
            Assert.Equal((true, new DateOnly(2026, 1, 5), "fraudulent evidence (11.2)", DashboardTestHost.UserName),
                (certificate.Revoked, certificate.RevokedOn, certificate.RevocationReason, certificate.RevokedBy));
            Assert.Empty(await db.Set<ReminderOutboxMessage>().ToListAsync());
        }

        using var anonymous = host.Client();
        var verify = await anonymous.GetStringAsync($"/verify/{IssuedCertificates.Code(Serial)}");
        Assert.Contains("已撤销 Revoked", verify);
        Assert.Contains("2026-01-05", verify);
        Assert.DoesNotContain("有效 Valid", verify);
        Assert.DoesNotContain("fraudulent", verify);
    }

    [Fact]
    public async Task Revoke_needs_a_reason_a_token_and_a_signed_in_user()
    {
        await using var host = await DashboardTestHost.StartAsync(beforeStart: SeedAsync);
        using var client = await host.SignedInClientAsync();
        var token = await DashboardTestHost.TokenAsync(client, "/certificates");
        using var anonymous = host.Client();
        var anonymousToken = await DashboardTestHost.TokenAsync(anonymous, "/signin");

        var noReason = await client.PostAsync("/certificates?handler=Revoke", Form(token, "  "));
        var noToken = await client.PostAsync("/certificates?handler=Revoke", Form(null, "fraud"));
        var signedOut = await anonymous.PostAsync("/certificates?handler=Revoke", Form(anonymousToken, "fraud"));

        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Contains("A revocation needs a reason", await client.GetStringAsync("/certificates"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/signin", signedOut.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        await using var db = BatchCycleDatabase.Sqlite(host.DatabasePath).Open();
        Assert.False((await db.Certificates.AsNoTracking().SingleAsync()).Revoked);
        Assert.Single(await db.Set<ReminderOutboxMessage>().ToListAsync());
    }
}
