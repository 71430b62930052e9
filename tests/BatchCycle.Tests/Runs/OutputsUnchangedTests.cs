using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// Issue 22's "no behaviour changes": the real <c>run</c> on <c>input-samples/2025</c> and on a generated cycle of
/// 10,000 applications (seed 1, csv, 2025: the benchmark's) writes under <c>results/</c> and in
/// <c>certificates/certificates.csv</c> (verification codes aside) exactly what the manifests in <c>Runs/Golden</c>
/// record. When a change of behaviour is intended, run these tests once with <c>BATCHCYCLE_UPDATE_GOLDEN=1</c>: they
/// then write the manifests from the new outputs instead of comparing, to be committed with the change.
/// </summary>
public sealed class OutputsUnchangedTests
{
    private static string GoldenFolder => Path.Combine(Repo.Root, "tests", "BatchCycle.Tests", "Runs", "Golden");

    [Fact]
    public async Task The_sample_cycle_writes_the_results_and_certificate_list_of_its_manifest()
    {
        using var temp = new TempFolder();

        await AssertUnchangedAsync("outputs-sample-2025", Repo.Samples(2025), temp);
    }

    [Fact]
    public async Task A_generated_cycle_of_10000_applications_writes_the_results_and_certificate_list_of_its_manifest()
    {
        using var temp = new TempFolder();
        var generated = await ProgramRunner.RunAsync(
            Repo.Root, "generate", "--out", temp.Combine("in"), "--applications", "10000", "--seed", "1", "--format", "csv", "--year", "2025");
        Assert.True(generated.ExitCode == 0, generated.StdErr);

        await AssertUnchangedAsync("outputs-generated-10000", temp.Combine("in"), temp);
    }

    private static async Task AssertUnchangedAsync(string manifest, string input, TempFolder temp)
    {
        // A path that names no executable makes the certificates HTML, as on a machine without Chromium; the compared files do not depend on it.
        var environment = new Dictionary<string, string> { ["BATCHCYCLE_BatchCycle__Chromium"] = temp.Combine("no-chromium-here") };
        var run = await ProgramRunner.RunAsync(
            Repo.Root, environment, "run", "--input", input, "--out", temp.Combine("out"), "--db", temp.Combine("cycle.db"), "--as-of", "2025-12-01");
        Assert.True(run.ExitCode == 0, run.StdErr);
        var files = GoldenOutputs.Collect(temp.Combine("out"));
        Assert.Contains(files, f => f.Path == "results/screening-results.csv");

        if (GoldenManifest.Updating)
        {
            GoldenManifest.Write(GoldenFolder, manifest, files);
            Assert.Empty(GoldenManifest.Differences(GoldenFolder, manifest, files));
            return;
        }

        var differences = GoldenManifest.Differences(GoldenFolder, manifest, files);
        Assert.True(
            differences.Count == 0,
            $"The outputs differ from Runs/Golden/{manifest}.sha256 (if the change of behaviour is intended, run this test with {GoldenManifest.UpdateVariable}=1 and commit the manifests):\n"
            + string.Join("\n", differences));
    }
}
