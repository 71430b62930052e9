using BatchCycle.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BatchCycle.Notices;

/// <summary>
/// One results notice in the outbox (table <c>NoticeOutbox</c>); a storage shape, mutable for EF Core. Its states
/// are the reminders' (<see cref="ReminderState"/>), so notices are sent with the same claim-then-send guarantees.
/// </summary>
public sealed class NoticeOutboxMessage : IOutboxRow
{
    public long Id { get; set; }

    public int Year { get; set; }

    public string ApplicationId { get; set; } = "";

    /// <summary>1 for the first notice of the application; each notice correcting a sent one adds 1.</summary>
    public int Version { get; set; }

    public string LabelType { get; set; } = "";

    /// <summary>The panel decision the notice announces: Approve, Reject or Defer.</summary>
    public string Decision { get; set; } = "";

    public string HolderName { get; set; } = "";

    /// <summary>Comma-separated addresses, already checked; null when <see cref="ReminderState.NoEmail"/>.</summary>
    public string? Recipient { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public string MessageId { get; set; } = "";

    /// <summary>The Message-ID of the sent notice this one corrects (the decision changed after it was sent).</summary>
    public string? Corrects { get; set; }

    public ReminderState State { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class NoticeOutboxMessageConfiguration : IEntityTypeConfiguration<NoticeOutboxMessage>
{
    public void Configure(EntityTypeBuilder<NoticeOutboxMessage> builder)
    {
        builder.ToTable("NoticeOutbox");
        builder.Property(m => m.State).HasConversion<string>();
    }
}
