using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BatchCycle.Cycle;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Screening;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// The state a run hands from stage to stage is the state a resumed run reads back: input-samples/2025 is run
/// through the real pipeline keeping its state, then the loader reads the state from the database and the stored
/// files, and each part is compared as canonical JSON (by value, never by reference).
/// </summary>
public sealed class PipelineStateTests : IDisposable
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new MessageConverter() },
    };

    private readonly TempFolder temp = new();

    [Fact]
    public async Task The_state_read_back_for_the_sample_cycle_equals_the_state_the_run_handed_on()
    {
        var settings = Settings();
        var capture = new CapturedState();
        var database = BatchCycleDatabase.Sqlite(temp.Combine("cycle.db"));
        var pipeline = new CyclePipeline(settings, database, [.. PipelineStages.Create(), capture], NullLoggerFactory.Instance);
        var request = new RunRequest(Repo.Samples(2025), temp.Combine("out"), 2025, new DateOnly(2025, 12, 1), "test");

        var result = await pipeline.RunAsync(request, CancellationToken.None);

        Assert.True(result.Completed, result.Error);
        var handed = capture.State!;
        var run = new RunContext(result.RunId!.Value, request, settings.CalendarFor(2025), settings, database, NullLoggerFactory.Instance);
        var loaded = await PipelineStateLoader.LoadAsync(run, PipelineStages.Create().Select(s => s.Name), CancellationToken.None);

        // Every part is there and holds something, so that equal parts say something.
        Assert.NotEmpty(handed.Imported!.Applications);
        Assert.NotEmpty(handed.Imported.RegisterLabels);
        Assert.NotEmpty(handed.Screenings!);
        Assert.NotEmpty(handed.DecisionsInForce!);
        Assert.NotEmpty(handed.Certificates!);
        Assert.NotEmpty(handed.Notices!);
        Assert.NotNull(handed.Reminders);
        foreach (var (part, json) in Parts(handed))
        {
            Assert.True(json == Parts(loaded)[part], $"The {part} read back differ from those the run handed on.");
        }
    }

    [Fact]
    public async Task A_resumed_run_reads_back_only_what_its_completed_stages_produced()
    {
        var settings = Settings();
        var capture = new CapturedState();
        var database = BatchCycleDatabase.Sqlite(temp.Combine("cycle.db"));
        var request = new RunRequest(Repo.Samples(2025), temp.Combine("out"), 2025, new DateOnly(2025, 12, 1), "test");
        var stages = PipelineStages.Create();
        var result = await new CyclePipeline(settings, database, [.. stages.Take(2), capture], NullLoggerFactory.Instance).RunAsync(request, CancellationToken.None);
        Assert.True(result.Completed, result.Error);
        var run = new RunContext(result.RunId!.Value, request, settings.CalendarFor(2025), settings, database, NullLoggerFactory.Instance);

        var loaded = await PipelineStateLoader.LoadAsync(run, [PipelineStages.Import, PipelineStages.Screening], CancellationToken.None);

        Assert.Equal(Parts(capture.State!), Parts(loaded));
        Assert.Null(loaded.DecisionsInForce);
        Assert.Null(loaded.Certificates);
        await Assert.ThrowsAsync<ArgumentException>(() => PipelineStateLoader.LoadAsync(run, [PipelineStages.Screening], CancellationToken.None));
    }

    [Fact]
    public void The_comparison_sees_a_single_changed_evidence_reference()
    {
        var application = Certificates.CertificateCycle.Application("A-1", LabelType.M, "公司");
        RequirementResult Line(string evidence) => new("4.1-I-2", RequirementStatus.Met, [evidence], Message.Of("Stored", "two projects"));
        var state = PipelineState.Empty with { Screenings = [new ApplicationScreening(application, [Line("P-1")])] };

        var changed = state with { Screenings = [new ApplicationScreening(application, [Line("P-2")])] };

        Assert.NotEqual(Parts(state)["screenings"], Parts(changed)["screenings"]);
        Assert.Equal(Parts(state)["screenings"], Parts(state with { Screenings = [new ApplicationScreening(application, [Line("P-1")])] })["screenings"]);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>The repository's settings, certificates as HTML (no browser needed to compare what was issued).</summary>
    private BatchCycleSettings Settings()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repo.Root, "appsettings.json")).Build()
            .GetSection(BatchCycleSettings.SectionName).Get<BatchCycleSettings>()!;
        settings.Templates = Path.Combine(Repo.Root, "templates");
        settings.Chromium = temp.Combine("no-chromium-here");
        return settings;
    }

    /// <summary>Each part of the state as canonical JSON; the decisions by application id, since a dictionary keeps no order.</summary>
    private static Dictionary<string, string> Parts(PipelineState state) => new()
    {
        ["imported records"] = JsonSerializer.Serialize(state.Imported, Canonical),
        ["screenings"] = JsonSerializer.Serialize(state.Screenings, Canonical),
        ["decisions in force"] = JsonSerializer.Serialize(state.DecisionsInForce?.OrderBy(d => d.Key, StringComparer.Ordinal).ToList(), Canonical),
        ["certificates"] = JsonSerializer.Serialize(state.Certificates, Canonical),
        ["notices"] = JsonSerializer.Serialize(state.Notices, Canonical),
        ["reminders"] = JsonSerializer.Serialize(state.Reminders, Canonical),
    };

    /// <summary>Keeps the state the last real stage handed on.</summary>
    private sealed class CapturedState : IPipelineStage
    {
        public PipelineState? State { get; private set; }

        public string Name => "captured";

        public Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            State = state;
            return Task.FromResult(StageOutcome.Of().With(state));
        }
    }

    /// <summary>
    /// A reason as people read it, in each language of the catalogue: a stored reason names an enum argument by
    /// its catalogue entry, which renders the same (see <see cref="MessageJson"/>).
    /// </summary>
    private sealed class MessageConverter : JsonConverter<Message>
    {
        public override Message Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The comparison only writes.");

        public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var culture in new[] { Catalogue.English, Catalogue.Simplified, Catalogue.Traditional })
            {
                writer.WriteStringValue(Catalogue.Render(value, culture));
            }

            writer.WriteEndArray();
        }
    }
}
