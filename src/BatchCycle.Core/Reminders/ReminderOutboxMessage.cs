using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BatchCycle.Reminders;

/// <summary>Where a reminder stands. Only <see cref="Drafted"/> and <see cref="Failed"/> may be claimed for sending.</summary>
public enum ReminderState
{
    Drafted,

    /// <summary>The holder has no usable e-mail address: listed for the secretariat, never sent.</summary>
    NoEmail,

    /// <summary>Claimed by a sender that is handing it to the SMTP server now.</summary>
    Sending,

    Sent,

    /// <summary>
    /// Not delivered: the SMTP server could not be reached, answered 4xx, or the connection failed before the whole
    /// message was written; retried after <c>NextAttemptAt</c>. Given up (no <c>NextAttemptAt</c>) after too many
    /// attempts or a 5xx answer.
    /// </summary>
    Failed,

    /// <summary>
    /// It may have gone out: the whole message reached the server but no 250 came back (the connection dropped, the
    /// reply timed out), or a sender stopped while handing it over. Never re-sent without a person deciding.
    /// </summary>
    Uncertain,
}

/// <summary>One reminder of one round in the outbox (table <c>ReminderOutbox</c>); a storage shape, mutable for EF Core.</summary>
public sealed class ReminderOutboxMessage : OutboxRow
{
    public string Round { get; set; } = "";

    /// <summary>The cycle year whose drafting produced it: a later cycle's run never withdraws it.</summary>
    public int Year { get; set; }

    public string LabelSerial { get; set; } = "";

    public string LabelType { get; set; } = "";

    public string HolderName { get; set; } = "";

    public DateOnly ExpiresOn { get; set; }
}

public sealed class ReminderOutboxMessageConfiguration : IEntityTypeConfiguration<ReminderOutboxMessage>
{
    public void Configure(EntityTypeBuilder<ReminderOutboxMessage> builder)
    {
        builder.ToTable("ReminderOutbox");
        builder.Property(m => m.State).HasConversion<string>();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.Round, m.LabelSerial }).IsUnique();
    }
}
