namespace BatchCycle.Tests.Support;

/// <summary>Paths of the checkout the tests run in.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Samples(int year) => Path.Combine(Root, "input-samples", year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchCycle.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside a checkout (BatchCycle.sln not found above the test folder).");
    }
}
