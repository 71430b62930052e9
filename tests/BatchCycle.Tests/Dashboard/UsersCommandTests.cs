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
        await using var db = BatchCycleDb.Open(temp.Combine("users.db"));
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
}
