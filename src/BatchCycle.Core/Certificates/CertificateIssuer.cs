using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Certificates;

/// <summary>An approved application and what its award rests on.</summary>
public sealed record CertificateRequest(Application Application, LabelRoute? Route, IReadOnlyList<string> EvidenceRefs);

/// <summary>
/// Gives approved applications their certificate rows: a serial from the next sequence of the year and label
/// type, and a verification code. An application that already has a certificate for the year keeps it, so
/// running again issues nothing new.
/// </summary>
public static class CertificateIssuer
{
    /// <summary>
    /// Issues in one transaction that takes a lock before reading the highest sequence: on SQLite the database's
    /// write lock (<c>BEGIN IMMEDIATE</c>), on PostgreSQL a transaction advisory lock, which every node takes. A
    /// second process (a scheduled run next to a command-line run, or two dashboard nodes) waits and then continues
    /// after the serials this one assigned — no serial twice, no gap. Both locks end with the transaction, and a
    /// process that dies mid-transaction has its transaction rolled back, so neither a lock nor a half-issued
    /// sequence outlives it. The UNIQUE constraints of the Certificates table stand behind it.
    /// </summary>
    /// <returns>The certificates issued now, in the order of <paramref name="requests"/>.</returns>
    public static async Task<IReadOnlyList<CertificateRecord>> IssueAsync(
        BatchCycleDatabase database,
        long runId,
        int year,
        SerialFormat serialFormat,
        DateOnly awardedOn,
        IReadOnlyList<CertificateRequest> requests,
        CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        // The transaction is ours (BEGIN IMMEDIATE, which EF Core cannot ask for); SaveChanges must not open another.
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        await db.Database.OpenConnectionAsync(cancellationToken);
        await BeginLockedAsync(db, database, cancellationToken);

        // Nothing below needs an explicit ROLLBACK: disposing the context on an exception ends the connection's
        // transaction (SQLite's connection is not pooled; Npgsql rolls back a pooled one when it returns).
        var existing = await db.Certificates.AsNoTracking()
            .Where(c => c.Year == year)
            .Select(c => new { c.ApplicationId, c.LabelType, c.Sequence })
            .ToListAsync(cancellationToken);
        var certified = existing.Select(c => c.ApplicationId).ToHashSet(StringComparer.Ordinal);
        // Revoked certificates keep their rows, so their sequence numbers are never handed out again.
        var nextSequence = existing
            .GroupBy(c => c.LabelType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Sequence) + 1, StringComparer.Ordinal);

        var issued = new List<CertificateRecord>();
        var issuedAt = DateTime.UtcNow;
        foreach (var request in requests)
        {
            var application = request.Application;
            if (!certified.Add(application.ApplicationId))
            {
                continue;
            }

            var code = application.LabelType.ToString();
            var sequence = nextSequence.GetValueOrDefault(code, 1);
            nextSequence[code] = sequence + 1;
            issued.Add(NewCertificate(request, serialFormat.Format(year, application.LabelType, sequence), year, sequence, awardedOn, issuedAt, runId));
        }

        await NewRows.AddAsync(db, issued, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("COMMIT", cancellationToken);
        return issued;
    }

    /// <summary>The register's row of one award: the holder as the application names it, the factory for a factory label, the provider for T.</summary>
    private static CertificateRecord NewCertificate(
        CertificateRequest request, string serial, int year, int sequence, DateOnly awardedOn, DateTime issuedAt, long runId)
    {
        var application = request.Application;
        var factoryLabel = LabelTypes.IsFactoryLabel(application.LabelType);
        return new CertificateRecord
        {
            Serial = serial,
            Year = year,
            LabelType = application.LabelType.ToString(),
            Sequence = sequence,
            ApplicationId = application.ApplicationId,
            HolderName = application.ApplicantName,
            HolderNameEn = application.ApplicantNameEn,
            HolderRegistrationNo = application.RegistrationNo,
            FactoryId = factoryLabel ? application.FactoryId : null,
            FactoryName = factoryLabel ? application.FactoryName : null,
            ProviderId = application.LabelType == LabelType.T ? application.ProviderId : null,
            AwardedOn = awardedOn,
            ExpiresOn = LabelTypes.ExpiresOn(application.LabelType, awardedOn),
            Route = request.Route?.ToString(),
            VerificationCode = VerificationCodes.New(),
            EvidenceJson = IssuedLabels.EvidenceJson(request.EvidenceRefs),
            ContactName = application.ContactName,
            ContactEmail = application.ContactEmail,
            Revoked = false,
            IssuedAt = issuedAt,
            RunId = runId,
        };
    }

    private static async Task BeginLockedAsync(BatchCycleDb db, BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        if (!database.IsPostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE", cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("BEGIN", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AdvisoryLock.TransactionLockSql(AdvisoryLock.Serials), cancellationToken);
    }
}
