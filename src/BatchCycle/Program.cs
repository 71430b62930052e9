using System.CommandLine;
using System.Text;
using BatchCycle.Cli;
using BatchCycle.Cycle;

// Legacy .xls files and GB18030/Big5 CSV files need the code pages the runtime leaves out by default.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
Console.OutputEncoding = Encoding.UTF8;

var root = new RootCommand("BatchCycle: the Hong Kong–Guangdong Cleaner Production Partners label cycle.")
{
    RunCommand.Create(),
    RemindersCommand.Create(),
    GenerateCommand.Create(),
    BenchmarkCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync();
}
catch (SettingsException ex)
{
    return ExitCodes.Refuse(ex.Message);
}
