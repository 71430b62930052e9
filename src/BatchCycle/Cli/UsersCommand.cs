using System.CommandLine;
using System.Text;
using BatchCycle.Cycle;
using BatchCycle.Dashboard.Accounts;

namespace BatchCycle.Cli;

/// <summary><c>users add &lt;name&gt; [--password-stdin] [--db]</c>: creates a secretariat account for the dashboard.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts)." };
        var db = new Option<string?>("--db") { Description = "SQLite database file; defaults to BatchCycle:Database." };
        var add = new Command("add", "Add a secretariat user; there is no default account and no default password.") { name, passwordStdin, db };
        add.SetAction((parse, cancellationToken) => AddAsync(parse.GetValue(name)!, parse.GetValue(passwordStdin), parse.GetValue(db), cancellationToken));
        return new Command("users", "Manage the dashboard's secretariat users.") { add };
    }

    private static async Task<int> AddAsync(string name, bool passwordStdin, string? db, CancellationToken cancellationToken)
    {
        string? password;
        if (passwordStdin)
        {
            password = await Console.In.ReadLineAsync(cancellationToken);
        }
        else if (Console.IsInputRedirected)
        {
            return ExitCodes.Refuse("Standard input is not a terminal: pass --password-stdin to read the password from it.");
        }
        else
        {
            password = ReadHidden("Password: ");
            if (ReadHidden("Repeat the password: ") != password)
            {
                return ExitCodes.Refuse("The two passwords differ; nothing was changed.");
            }
        }

        if (string.IsNullOrEmpty(password))
        {
            return ExitCodes.Refuse("No password was given; nothing was changed.");
        }

        string databasePath;
        try
        {
            databasePath = db ?? AppConfiguration.Settings(AppConfiguration.Load()).Database;
        }
        catch (SettingsException ex)
        {
            return ExitCodes.Refuse(ex.Message);
        }

        var refusal = await UserAccounts.AddAsync(databasePath, name, password, DateTime.UtcNow, cancellationToken);
        if (refusal is not null)
        {
            return ExitCodes.Refuse(refusal);
        }

        Console.WriteLine($"User '{name.Trim()}' added.");
        return ExitCodes.Ok;
    }

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
