using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Templates;

/// <summary>
/// Every template the run fills in is strict: one broken tag in a copy of the shipped templates fails the whole
/// run before anything is written, naming the file, the line where the broken tag opened and what it could not read.
/// </summary>
public sealed class BrokenTemplateTests
{
    /// <summary>File, text to break, its broken form, the text whose line is expected, and what the message must name.</summary>
    public static TheoryData<string, string, string, string, string> Broken => new()
    {
        // A tag left open in the middle: Handlebars.Net took it and the next tag as one and printed nothing.
        { "reminder.html.hbs", "<strong>{{serial}}</strong>）将于", "<strong>{{serial</strong>）将于", "{{serial}}</strong>）将于", "\"{{serial\"" },
        { "reminder.txt.hbs", "证书编号 {{serial}}）", "证书编号 {{serial）", "证书编号 {{serial}}）", "\"{{serial\"" },
        // A misspelled value: it printed as a blank.
        { "certificate.html", "{{HolderName}}</div>", "{{HolderNmae}}</div>", "{{HolderName}}</div>", "\"HolderNmae\"" },
        { "reminder-subject.hbs", "（{{serial}}）", "（{{serail}}）", "（{{serial}}）", "\"serail\"" },
        { "shortlist.html", "{{HolderName}}{{#if", "{{HolderNmae}}{{#if", "{{HolderName}}{{#if", "\"HolderNmae\"" },
        { "shortlist.html", "{{#each Groups}}", "{{#each Grups}}", "{{#each Groups}}", "\"Grups\"" },
        // A block left open: reported where it opened, not where the loop around it or the file ends.
        { "certificate.html", "</div>{{/if}}\n    {{#if FactoryName}}", "</div>\n    {{#if FactoryName}}", "{{#if HolderNameEn}}", "{{#if HolderNameEn}}" },
        { "reminder.txt.hbs", "- {{zh}}\n{{/each}}", "- {{zh}}\n", "{{#each requirements}}", "{{#each requirements}}" },
        { "shortlist.html", "      {{/each}}\n    </tbody>", "    </tbody>", "{{#each Entries}}", "{{#each Entries}}" },
        // A block with nothing to test, and one closed twice.
        { "certificate.html", "{{#if FactoryName}}", "{{#if}}", "{{#if FactoryName}}", "{{#if}}" },
        { "reminder.html.hbs", "{{/if}}：</p>", "{{/if}}{{/if}}：</p>", "{{/if}}：</p>", "closes no block" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_template_fails_the_run_before_anything_is_written(string file, string find, string replace, string lineOf, string named)
    {
        using var temp = new TempFolder();
        var templates = temp.Combine("templates");
        Directory.CreateDirectory(templates);
        foreach (var shipped in Directory.GetFiles(Path.Combine(Repo.Root, "templates")))
        {
            File.Copy(shipped, Path.Combine(templates, Path.GetFileName(shipped)));
        }

        var path = Path.Combine(templates, file);
        var source = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var at = source.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} no longer contains {find}");
        await File.WriteAllTextAsync(path, source[..at] + replace + source[(at + find.Length)..]);
        var line = source.AsSpan(0, source.IndexOf(lineOf, StringComparison.Ordinal)).Count('\n') + 1;
        Directory.CreateDirectory(temp.Combine("in"));
        var settings = new BatchCycleSettings
        {
            Year = 2025,
            Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21) } },
            Templates = templates,
        };

        var result = await new CyclePipeline(settings, BatchCycleDatabase.Sqlite(temp.Combine("run.db")), PipelineStages.Create(), NullLoggerFactory.Instance)
            .RunAsync(new RunRequest(temp.Combine("in"), temp.Combine("out"), 2025, new DateOnly(2025, 11, 30), "test"), CancellationToken.None);

        Assert.Equal(RunState.Failed, result.State);
        Assert.Contains($"{path} has an error at line {line}:", result.Error);
        Assert.Contains(named, result.Error);
        Assert.Equal(["run-summary.json"], Directory.GetFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void The_shipped_templates_pass_the_same_check()
    {
        var settings = new BatchCycleSettings
        {
            Year = 2025,
            Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21) } },
            Templates = Path.Combine(Repo.Root, "templates"),
        };
        IReadOnlyList<IRunStage> templated = [.. PipelineStages.Create().OfType<ITemplatedStage>()];

        var checks = templated.Cast<ITemplatedStage>().Select(s => Record.Exception(() => s.CheckTemplates(settings)));

        Assert.Equal(["certificates", "shortlist", "notices", "reminders"], templated.Select(s => s.Name));
        Assert.All(checks, Assert.Null);
    }
}
