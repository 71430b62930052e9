using BatchCycle.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>The secretariat's accounts in table Users; passwords kept only as ASP.NET Core Identity hashes.</summary>
public static class UserAccounts
{
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<UserRecord> Hasher = new();

    private static readonly UserRecord Unknown = UnknownUser();

    /// <summary>A refusal message, or null when the account was added.</summary>
    public static async Task<string?> AddAsync(string databasePath, string userName, string password, DateTime now, CancellationToken cancellationToken)
    {
        userName = userName.Trim();
        if (userName.Length is 0 or > 64 || userName.Any(char.IsControl))
        {
            return "The user name must be 1 to 64 printable characters.";
        }

        if (password.Length < MinimumPasswordLength)
        {
            return $"The password must have at least {MinimumPasswordLength} characters.";
        }

        BatchCycleDb.Migrate(databasePath);
        await using var db = BatchCycleDb.Open(databasePath);
        if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return $"The user '{userName}' already exists.";
        }

        var user = new UserRecord { UserName = userName, CreatedAt = now };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The account's user name as stored, or null when the name or the password is wrong.</summary>
    public static async Task<string?> CheckAsync(string databasePath, string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = BatchCycleDb.Open(databasePath);
        var name = userName.Trim();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);

        // An unknown name costs the same hashing as a known one, so the answer's timing does not tell which names exist.
        var checkedUser = user ?? Unknown;
        var result = Hasher.VerifyHashedPassword(checkedUser, checkedUser.PasswordHash, password);
        return user is null || result == PasswordVerificationResult.Failed ? null : user.UserName;
    }

    private static UserRecord UnknownUser()
    {
        var user = new UserRecord { UserName = "" };
        user.PasswordHash = Hasher.HashPassword(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        return user;
    }
}
