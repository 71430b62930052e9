namespace BatchCycle.Runs;

/// <summary>The stages of a full cycle run, in order. Each reads what the one before it stored.</summary>
public static class PipelineStages
{
    public static IReadOnlyList<IRunStage> Create() =>
    [
        new Import.ImportStage(),
        new Screening.ScreeningStage(),
        new Panel.PanelStage(),
        new Certificates.CertificatesStage(),
        new Publication.ShortlistStage(),
        new Notices.NoticeDraftStage(),
        new Reminders.ReminderDraftStage(),
    ];
}
