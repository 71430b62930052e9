namespace BatchCycle.Tests.Architecture;

/// <summary>Dependencies point one way: no namespace of the product uses one of a higher layer (see <see cref="Layering"/>).</summary>
public sealed class LayeringTests
{
    /// <param name="assembly">The product's library, then the executable.</param>
    /// <param name="user">A namespace of the assembly known to use <paramref name="used"/>, so that an empty reading cannot pass.</param>
    [Theory]
    [InlineData("BatchCycle.Core.dll", "BatchCycle.Runs", "BatchCycle.Import")]
    [InlineData("BatchCycle.dll", "BatchCycle.Cli", "BatchCycle.Runs")]
    public void No_namespace_uses_a_higher_layer(string assembly, string user, string used)
    {
        var edges = AssemblyReferences.Edges(Path.Combine(AppContext.BaseDirectory, assembly));

        Assert.Contains(edges, e => e.From == user && e.To == used);
        Assert.Empty(Layering.Violations(edges));
    }

    [Fact]
    public void The_reading_sees_a_use_made_only_inside_a_method_body()
    {
        var edges = AssemblyReferences.Edges(typeof(LayeringTests).Assembly.Location);

        Assert.Contains(edges, e => e.Type == typeof(UsesInsideOnly).FullName && e.Used == "BatchCycle.Runs.PipelineStages");
    }

    [Theory]
    [InlineData("BatchCycle.Screening", "BatchCycle.Import", null)]
    [InlineData("BatchCycle.Import", "BatchCycle.Import", null)]
    [InlineData("BatchCycle.Cycle", "BatchCycle.Storage", null)]
    [InlineData("BatchCycle.Storage.Migrations", "BatchCycle.Cycle", null)]
    [InlineData("BatchCycle.Dashboard.Runs", "BatchCycle.Runs", null)]
    [InlineData("BatchCycle.Notices", "BatchCycle.Reminders", null)]
    [InlineData("BatchCycle.Import", "System.IO", null)]
    [InlineData("BatchCycle.Publication", "BatchCycle.Samples", null)]
    [InlineData("BatchCycle.Cycle", "BatchCycle.Reminders", "BatchCycle.Cycle uses the higher BatchCycle.Reminders: BatchCycle.Cycle.A refers to BatchCycle.Reminders.B")]
    [InlineData("BatchCycle.Screening", "BatchCycle.Certificates", "BatchCycle.Screening uses the higher BatchCycle.Certificates: BatchCycle.Screening.A refers to BatchCycle.Certificates.B")]
    [InlineData("BatchCycle.Reminders", "BatchCycle.Notices", "BatchCycle.Reminders uses the higher BatchCycle.Notices: BatchCycle.Reminders.A refers to BatchCycle.Notices.B")]
    [InlineData("BatchCycle.Import", "BatchCycle.Runs", "BatchCycle.Import uses the higher BatchCycle.Runs: BatchCycle.Import.A refers to BatchCycle.Runs.B")]
    [InlineData("BatchCycle.Runs", "BatchCycle.Cli", "BatchCycle.Runs uses the higher BatchCycle.Cli: BatchCycle.Runs.A refers to BatchCycle.Cli.B")]
    [InlineData("BatchCycle.Pipeline", "BatchCycle", "BatchCycle.Pipeline uses the higher BatchCycle: BatchCycle.Pipeline.A refers to BatchCycle.B")]
    [InlineData("BatchCycle.Import", "BatchCycle.Exports", "BatchCycle.Exports is in no layer of the agreed layering")]
    public void The_checker_names_each_use_of_a_higher_layer(string from, string to, string? expected)
    {
        var edge = new NamespaceEdge(from, to, from + ".A", to + ".B");

        Assert.Equal(expected is null ? [] : [expected], Layering.Violations([edge]));
    }

    /// <summary>Refers to the pipeline only in a method body, as a call, never in a signature.</summary>
    private static class UsesInsideOnly
    {
        public static int Count() => BatchCycle.Runs.PipelineStages.Create().Count;
    }
}
