using BatchCycle.Import;
using BatchCycle.Storage;

namespace BatchCycle.Tests.Revocation;

/// <summary>Certificates as an earlier cycle's run left them in the database, for the revocation tests.</summary>
public static class IssuedCertificates
{
    /// <summary>A valid Guangdong USCC numbered <paramref name="n"/> (region 44, right check character).</summary>
    public static string Factory(int n)
    {
        var first17 = $"9144030000000{n:0000}";
        return first17 + Uscc.CheckCharacter(first17);
    }

    public static string Code(string serial) => ("Vc" + serial.Replace("-", "", StringComparison.Ordinal) + "xxxxxxxxxxxxxxxxxxxx")[..22];

    public static async Task AddAsync(string databasePath, string serial, DateOnly awardedOn, DateOnly expiresOn, string? factoryId, string applicationId)
    {
        await using var db = BatchCycleDatabase.Sqlite(databasePath).Open();
        var parts = serial.Split('-');
        db.Certificates.Add(new CertificateRecord
        {
            Serial = serial,
            Year = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            LabelType = parts[1],
            Sequence = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
            ApplicationId = applicationId,
            HolderName = "港粤精密制造有限公司 " + serial,
            HolderNameEn = "Gangyue Precision Ltd",
            HolderRegistrationNo = "12345678",
            FactoryId = factoryId,
            FactoryName = "东莞港粤精密厂",
            AwardedOn = awardedOn,
            ExpiresOn = expiresOn,
            Route = "Audit",
            VerificationCode = Code(serial),
            EvidenceJson = "[]",
            ContactName = "陈大文",
            ContactEmail = "chan@holder.example.hk",
            IssuedAt = DateTime.UtcNow,
            RunId = 1,
        });
        await db.SaveChangesAsync();
    }
}
