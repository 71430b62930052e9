using System.Diagnostics;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace BatchCycle.Tests.Dashboard;

public sealed class UsersCommandTests
{
    /// <summary>Runs the real program with <paramref name="input"/> on its standard input.</summary>
    public static async Task<ProgramRunner.Result> RunWithInputAsync(string workingDirectory, string input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ProgramRunner.ProgramDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProgramRunner.Result(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Users_add_stores_a_hash_of_the_password_read_from_standard_input()
    {
        using var temp = new TempFolder();

        var result = await RunWithInputAsync(temp.Path, "a long enough secret\n", "users", "add", "bob", "--password-stdin", "--db", "users.db");

        Assert.Equal(0, result.ExitCode);
        await using var db = BatchCycleDatabase.Sqlite(temp.Combine("users.db")).Open();
        var user = Assert.Single(db.Users);
        Assert.Equal("bob", user.UserName);
        Assert.DoesNotContain("a long enough secret", user.PasswordHash);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<UserRecord>().VerifyHashedPassword(user, user.PasswordHash, "a long enough secret"));
    }

    [Theory]
    [InlineData("short\n", "at least 12 characters")]
    [InlineData("", "No password was given")]
    public async Task Users_add_refuses_a_weak_or_missing_password(string input, string message)
    {
        using var temp = new TempFolder();

        var result = await RunWithInputAsync(temp.Path, input, "users", "add", "bob", "--password-stdin", "--db", "users.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public async Task Users_add_refuses_a_second_user_of_the_same_name_in_any_case()
    {
        using var temp = new TempFolder();
        await RunWithInputAsync(temp.Path, "a long enough secret\n", "users", "add", "bob", "--password-stdin", "--db", "users.db");

        var result = await RunWithInputAsync(temp.Path, "another long secret\n", "users", "add", "BOB", "--password-stdin", "--db", "users.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already exists", result.StdErr);
    }

    [Fact]
    public async Task Without_password_stdin_a_redirected_input_is_not_read()
    {
        using var temp = new TempFolder();

        var result = await RunWithInputAsync(temp.Path, "a long enough secret\n", "users", "add", "bob", "--db", "users.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.StdErr);
        Assert.False(File.Exists(temp.Combine("users.db")));
    }

    [Theory]
    [InlineData("bob", "password1234\n", "common passwords", "常见密码")]
    [InlineData("bob", "QWERTYUIOP12\n", "common passwords", "常见密码")]
    [InlineData("bob", "zzzzzzzzzzzzzz\n", "one character repeated", "同一个字符")]
    [InlineData("longusername12", "LongUserName12\n", "may not be the user name", "用户名")]
    [InlineData("bob", "short\n", "at least 12 characters", "至少须有 12 个字符")]
    public async Task Users_add_says_in_both_languages_why_a_password_is_refused(string user, string input, string english, string chinese)
    {
        using var temp = new TempFolder();

        var result = await RunWithInputAsync(temp.Path, input, "users", "add", user, "--password-stdin", "--db", "users.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(english, result.StdErr);
        Assert.Contains(chinese, result.StdErr);
    }

    [Fact]
    public async Task Users_passwd_changes_the_password_and_refuses_a_weak_one_or_an_unknown_user()
    {
        using var temp = new TempFolder();
        await RunWithInputAsync(temp.Path, "a long enough secret\n", "users", "add", "bob", "--password-stdin", "--db", "users.db");
        string stampBefore;
        await using (var db = BatchCycleDatabase.Sqlite(temp.Combine("users.db")).Open())
        {
            stampBefore = db.Users.Single().SecurityStamp;
        }

        var weak = await RunWithInputAsync(temp.Path, "123456789012\n", "users", "passwd", "bob", "--password-stdin", "--db", "users.db");
        var unknown = await RunWithInputAsync(temp.Path, "a fresh long secret\n", "users", "passwd", "carol", "--password-stdin", "--db", "users.db");
        var changed = await RunWithInputAsync(temp.Path, "a fresh long secret\n", "users", "passwd", "BOB", "--password-stdin", "--db", "users.db");

        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("common passwords", weak.StdErr);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no user 'carol'", unknown.StdErr);
        Assert.Equal(0, changed.ExitCode);
        await using var after = BatchCycleDatabase.Sqlite(temp.Combine("users.db")).Open();
        var user = after.Users.Single();
        var hasher = new PasswordHasher<UserRecord>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash, "a fresh long secret"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash, "a long enough secret"));
        Assert.NotEqual(stampBefore, user.SecurityStamp);
    }

    [Fact]
    public async Task Users_list_disable_enable_and_remove_manage_the_accounts()
    {
        using var temp = new TempFolder();
        await RunWithInputAsync(temp.Path, "a long enough secret\n", "users", "add", "bob", "--password-stdin", "--db", "users.db");
        await RunWithInputAsync(temp.Path, "another long secret\n", "users", "add", "amy", "--password-stdin", "--db", "users.db");

        Assert.Equal(0, (await RunWithInputAsync(temp.Path, "", "users", "disable", "bob", "--db", "users.db")).ExitCode);
        var listed = await RunWithInputAsync(temp.Path, "", "users", "list", "--db", "users.db");
        Assert.Equal(0, listed.ExitCode);
        var lines = listed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("amy\t", lines[0], StringComparison.Ordinal);
        Assert.Contains("enabled", lines[0]);
        Assert.StartsWith("bob\t", lines[1], StringComparison.Ordinal);
        Assert.Contains("disabled", lines[1]);

        Assert.Equal(0, (await RunWithInputAsync(temp.Path, "", "users", "enable", "bob", "--db", "users.db")).ExitCode);
        Assert.Equal(0, (await RunWithInputAsync(temp.Path, "", "users", "remove", "amy", "--db", "users.db")).ExitCode);
        var missing = await RunWithInputAsync(temp.Path, "", "users", "remove", "amy", "--db", "users.db");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no user 'amy'", missing.StdErr);
        await using var db = BatchCycleDatabase.Sqlite(temp.Combine("users.db")).Open();
        var left = Assert.Single(db.Users);
        Assert.Equal("bob", left.UserName);
        Assert.False(left.Disabled);
    }
}
