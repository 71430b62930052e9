using System.CommandLine;
using System.Globalization;
using System.Text;
using BatchCycle.Cycle;
using BatchCycle.Dashboard.Accounts;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// <c>users add|passwd|list|disable|enable|remove</c>: the dashboard's secretariat accounts. Changing a password,
/// disabling and removing end the account's sessions at once (see <see cref="Sessions"/>).
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var db = RunArguments.DatabaseOption();
        return new Command("users", "Manage the dashboard's secretariat users.")
        {
            WithPassword("add", "Add a secretariat user; there is no default account and no default password.", db,
                (path, name, password, ct) => UserAccounts.AddAsync(path, name, password, DateTime.UtcNow, ct),
                "User '{0}' added. 已添加用户 '{0}'。"),
            WithPassword("passwd", "Set a user's password; the user's sessions end.", db,
                UserAccounts.SetPasswordAsync,
                "Password of '{0}' changed; its sessions have ended. 已更改 '{0}' 的密码，其会话已结束。"),
            List(db),
            WithName("disable", "Stop a user from signing in and end the user's sessions.", db,
                (path, name, ct) => UserAccounts.SetDisabledAsync(path, name, true, ct),
                "User '{0}' disabled; its sessions have ended. 已停用用户 '{0}'，其会话已结束。"),
            WithName("enable", "Let a disabled user sign in again.", db,
                (path, name, ct) => UserAccounts.SetDisabledAsync(path, name, false, ct),
                "User '{0}' enabled. 已启用用户 '{0}'。"),
            WithName("remove", "Remove a user; the user's sessions end.", db,
                UserAccounts.RemoveAsync,
                "User '{0}' removed. 已删除用户 '{0}'。"),
        };
    }

    private static Command WithPassword(
        string verb,
        string description,
        Option<string?> db,
        Func<BatchCycleDatabase, string, string, CancellationToken, Task<string?>> change,
        string done)
    {
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts)." };
        var command = new Command(verb, description) { name, passwordStdin, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (password, problem) = await ReadPasswordAsync(parse.GetValue(passwordStdin), cancellationToken);
            return problem is not null
                ? ExitCodes.Refuse(problem)
                : await ApplyAsync(parse.GetValue(db), parse.GetValue(name)!, (path, user, ct) => change(path, user, password!, ct), done, cancellationToken);
        });
        return command;
    }

    private static Command WithName(string verb, string description, Option<string?> db, Func<BatchCycleDatabase, string, CancellationToken, Task<string?>> change, string done)
    {
        var name = new Argument<string>("name") { Description = "The user name." };
        var command = new Command(verb, description) { name, db };
        command.SetAction((parse, cancellationToken) => ApplyAsync(parse.GetValue(db), parse.GetValue(name)!, change, done, cancellationToken));
        return command;
    }

    private static Command List(Option<string?> db)
    {
        var command = new Command("list", "List the users: name, created (UTC), enabled or disabled.") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (DatabaseOf(parse.GetValue(db)) is not { } path)
            {
                return ExitCodes.BadRequest;
            }

            foreach (var user in await UserAccounts.ListAsync(path, cancellationToken))
            {
                var state = user.Disabled ? "disabled 已停用" : "enabled 已启用";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user.UserName}\t{user.CreatedAt:yyyy-MM-dd HH:mm}\t{state}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ApplyAsync(string? db, string name, Func<BatchCycleDatabase, string, CancellationToken, Task<string?>> change, string done, CancellationToken cancellationToken)
    {
        if (DatabaseOf(db) is not { } path)
        {
            return ExitCodes.BadRequest;
        }

        if (await change(path, name, cancellationToken) is { } refusal)
        {
            return ExitCodes.Refuse(refusal);
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, done, name.Trim()));
        return ExitCodes.Ok;
    }

    /// <summary>The database the verb works on, or null after saying why there is none.</summary>
    private static BatchCycleDatabase? DatabaseOf(string? db)
    {
        try
        {
            var path = BatchCycleDatabase.Parse(db ?? AppConfiguration.Settings(AppConfiguration.Load()).Database);
            path.Migrate();
            return path;
        }
        catch (SettingsException ex)
        {
            ExitCodes.Refuse(ex.Message);
            return null;
        }
    }

    /// <summary>The password from standard input or the terminal, or why there is none.</summary>
    private static async Task<(string? Password, string? Problem)> ReadPasswordAsync(bool passwordStdin, CancellationToken cancellationToken)
    {
        if (passwordStdin)
        {
            var line = await Console.In.ReadLineAsync(cancellationToken);
            return string.IsNullOrEmpty(line) ? (null, NoPassword) : (line, null);
        }

        if (Console.IsInputRedirected)
        {
            return (null, "Standard input is not a terminal: pass --password-stdin to read the password from it. 标准输入不是终端：请用 --password-stdin 从中读取密码。");
        }

        var password = ReadHidden("Password 密码: ");
        if (ReadHidden("Repeat the password 再次输入密码: ") != password)
        {
            return (null, "The two passwords differ; nothing was changed. 两次输入的密码不同，未作任何更改。");
        }

        return string.IsNullOrEmpty(password) ? (null, NoPassword) : (password, null);
    }

    private const string NoPassword = "No password was given; nothing was changed. 未提供密码，未作任何更改。";

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
