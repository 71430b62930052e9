using BatchCycle.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BatchCycle.Notices;

/// <summary>
/// One results notice in the outbox (table <c>NoticeOutbox</c>); a storage shape, mutable for EF Core. Its states
/// are the reminders' (<see cref="ReminderState"/>), so notices are sent with the same claim-then-send guarantees.
/// </summary>
public sealed class NoticeOutboxMessage : OutboxRow
{
    public int Year { get; set; }

    public string ApplicationId { get; set; } = "";

    /// <summary>1 for the first notice of the application; each notice correcting a sent one adds 1.</summary>
    public int Version { get; set; }

    public string LabelType { get; set; } = "";

    /// <summary>The panel decision the notice announces: Approve, Reject or Defer.</summary>
    public string Decision { get; set; } = "";

    public string HolderName { get; set; } = "";

    /// <summary>The Message-ID of the sent notice this one corrects (the decision changed after it was sent).</summary>
    public string? Corrects { get; set; }
}

public sealed class NoticeOutboxMessageConfiguration : IEntityTypeConfiguration<NoticeOutboxMessage>
{
    public void Configure(EntityTypeBuilder<NoticeOutboxMessage> builder)
    {
        builder.ToTable("NoticeOutbox");
        builder.Property(m => m.State).HasConversion<string>();
    }
}
