using System.Security.Cryptography;
using BatchCycle.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>An account as <c>users list</c> shows it.</summary>
public sealed record AccountSummary(string UserName, DateTime CreatedAt, bool Disabled);

/// <summary>The account of a successful sign-in: the name as stored and the stamp its session carries.</summary>
public sealed record SignedInAccount(string UserName, string SecurityStamp);

/// <summary>
/// The secretariat's accounts in table Users; passwords kept only as ASP.NET Core Identity hashes. Every change
/// that must end the account's sessions (password, disabling, signing out) replaces its security stamp.
/// </summary>
public static class UserAccounts
{
    private static readonly PasswordHasher<UserRecord> Hasher = new();

    private static readonly UserRecord Unknown = UnknownUser();

    /// <summary>A refusal message, or null when the account was added.</summary>
    public static async Task<string?> AddAsync(BatchCycleDatabase database, string userName, string password, DateTime now, CancellationToken cancellationToken)
    {
        userName = userName.Trim();
        if (userName.Length is 0 or > 64 || userName.Any(char.IsControl))
        {
            return "The user name must be 1 to 64 printable characters. 用户名须为 1 至 64 个可打印字符。";
        }

        if (PasswordPolicy.Problem(userName, password) is { } problem)
        {
            return problem;
        }

        database.Migrate();
        await using var db = database.Open();
        if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return $"The user '{userName}' already exists. 用户 '{userName}' 已存在。";
        }

        var user = new UserRecord { UserName = userName, CreatedAt = now, SecurityStamp = NewStamp() };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The account signing in, or null when the name or the password is wrong or the account is disabled.</summary>
    public static async Task<SignedInAccount?> CheckAsync(BatchCycleDatabase database, string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var name = userName.Trim();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);

        // An unknown name costs the same hashing as a known one, so the answer's timing does not tell which names
        // exist; a disabled account is hashed too and gets the same answer as a wrong password.
        var checkedUser = user ?? Unknown;
        var result = Hasher.VerifyHashedPassword(checkedUser, checkedUser.PasswordHash, password);
        return user is null || user.Disabled || result == PasswordVerificationResult.Failed ? null : new SignedInAccount(user.UserName, user.SecurityStamp);
    }

    /// <summary>The stamp a session of the account must carry, or null when the account is gone or disabled.</summary>
    public static async Task<string?> StampOfAsync(BatchCycleDatabase database, string userName, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await db.Users.AsNoTracking()
            .Where(u => u.UserName == userName && !u.Disabled)
            .Select(u => u.SecurityStamp)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<AccountSummary>> ListAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var users = await db.Users.AsNoTracking().Select(u => new AccountSummary(u.UserName, u.CreatedAt, u.Disabled)).ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Ends every session of the account (signing out does this).</summary>
    public static Task<string?> EndSessionsAsync(BatchCycleDatabase database, string userName, CancellationToken cancellationToken) =>
        ChangeAsync(database, userName, _ => null, cancellationToken);

    /// <summary>A refusal message, or null when the password was changed; the account's sessions end.</summary>
    public static Task<string?> SetPasswordAsync(BatchCycleDatabase database, string userName, string password, CancellationToken cancellationToken) =>
        ChangeAsync(database, userName, user =>
        {
            if (PasswordPolicy.Problem(user.UserName, password) is { } problem)
            {
                return problem;
            }

            user.PasswordHash = Hasher.HashPassword(user, password);
            return null;
        }, cancellationToken);

    /// <summary>A refusal message, or null when done; either way round, the account's sessions end.</summary>
    public static Task<string?> SetDisabledAsync(BatchCycleDatabase database, string userName, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(database, userName, user =>
        {
            user.Disabled = disabled;
            return null;
        }, cancellationToken);

    /// <summary>A refusal message, or null when the account was removed (its sessions end with it).</summary>
    public static async Task<string?> RemoveAsync(BatchCycleDatabase database, string userName, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var name = userName.Trim();
        var removed = await db.Users.Where(u => u.UserName == name).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? NoSuchUser(name) : null;
    }

    /// <summary>Applies <paramref name="change"/> (which returns a refusal or null) and, when it succeeds, replaces the stamp.</summary>
    private static async Task<string?> ChangeAsync(BatchCycleDatabase database, string userName, Func<UserRecord, string?> change, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var name = userName.Trim();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null)
        {
            return NoSuchUser(name);
        }

        if (change(user) is { } refusal)
        {
            return refusal;
        }

        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string NoSuchUser(string userName) => $"There is no user '{userName}'. 没有用户 '{userName}'。";

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static UserRecord UnknownUser()
    {
        var user = new UserRecord { UserName = "" };
        user.PasswordHash = Hasher.HashPassword(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        return user;
    }
}
