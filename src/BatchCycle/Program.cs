using System.CommandLine;
using System.Text;
using BatchCycle.Cli;
using BatchCycle.Pipeline;

// Legacy .xls files and GB18030/Big5 CSV files need the code pages the runtime leaves out by default.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
Console.OutputEncoding = Encoding.UTF8;

var root = new RootCommand("BatchCycle: the Hong Kong–Guangdong Cleaner Production Partners label cycle.")
{
    RunCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
    RemindersCommand.Create(),
    NoticesCommand.Create(),
    CertificatesCommand.Create(),
    GenerateCommand.Create(),
    BenchmarkCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A wrong request (unknown option, missing or unreadable value) is exit 2 with one line, as for every other user error.
    return ExitCodes.Refuse(string.Join(" ", parsed.Errors.Select(e => e.Message)) + " (add --help to see the options)");
}

try
{
    // User errors are caught below and shown as one line; anything else is a bug and keeps its stack trace.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserFacingException ex)
{
    return ExitCodes.Refuse(ex.Message);
}
