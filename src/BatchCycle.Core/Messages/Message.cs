namespace BatchCycle.Messages;

/// <summary>
/// A text for people as a value: a key of the message catalogue and its typed arguments, rendered in a culture
/// only when it is shown (<see cref="Catalogue.Render(Message, System.Globalization.CultureInfo)"/>). The rules
/// build reasons of these instead of sentences, so one screening reads in Chinese and English alike.
/// <para>
/// An argument is a <see cref="string"/> (an identifier or a name, shown as written), an <see cref="int"/> or
/// <see cref="decimal"/>, a <see cref="DateOnly"/> (written per culture: <c>2025-05-14</c>, <c>2025年5月14日</c>),
/// an enum value (named through the catalogue), another <see cref="Message"/> or a <see cref="MessageList"/>.
/// Two messages with the same key and arguments are equal, so a screening can keep one copy of a repeated reason.
/// </para>
/// </summary>
public sealed class Message : IEquatable<Message>
{
    private readonly object[] args;
    private readonly int hash;

    private Message(string key, object[] args)
    {
        Key = key;
        this.args = args;
        var hashCode = new HashCode();
        hashCode.Add(key, StringComparer.Ordinal);
        foreach (var arg in args)
        {
            hashCode.Add(arg);
        }

        hash = hashCode.ToHashCode();
    }

    /// <summary>The catalogue key, e.g. <c>Submission.Within</c>.</summary>
    public string Key { get; }

    public IReadOnlyList<object> Args => args;

    public static Message Of(string key, params object[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            ArgumentNullException.ThrowIfNull(arg, nameof(args));
        }

        return new Message(key, args);
    }

    public bool Equals(Message? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (hash == other.hash && string.Equals(Key, other.Key, StringComparison.Ordinal) && args.SequenceEqual(other.args)));

    public override bool Equals(object? obj) => Equals(obj as Message);

    public override int GetHashCode() => hash;

    /// <summary>The English rendering, for logs and debugging.</summary>
    public override string ToString() => Catalogue.Render(this, Catalogue.English);
}

/// <summary>How the items of a <see cref="MessageList"/> are joined; each separator is a catalogue entry per culture.</summary>
public enum ListStyle
{
    /// <summary>"a, b" / "a、b".</summary>
    Comma,

    /// <summary>"a, b and c" / "a、b和c".</summary>
    And,

    /// <summary>"a or b" / "a或b".</summary>
    Or,

    /// <summary>"a; b" / "a；b": the parts of one note.</summary>
    Parts,

    /// <summary>"a | b" / "a｜b": the reasons of one application.</summary>
    Reasons,
}

/// <summary>Items (strings, messages, dates…) joined in the culture's way; equal when style and items are.</summary>
public sealed class MessageList : IEquatable<MessageList>
{
    private readonly object[] items;

    private MessageList(ListStyle style, object[] items)
    {
        Style = style;
        this.items = items;
    }

    public ListStyle Style { get; }

    public IReadOnlyList<object> Items => items;

    public static MessageList Of(ListStyle style, IEnumerable<object> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new MessageList(style, [.. items]);
    }

    public bool Equals(MessageList? other) => other is not null && Style == other.Style && items.SequenceEqual(other.items);

    public override bool Equals(object? obj) => Equals(obj as MessageList);

    public override int GetHashCode()
    {
        var hashCode = new HashCode();
        hashCode.Add(Style);
        foreach (var item in items)
        {
            hashCode.Add(item);
        }

        return hashCode.ToHashCode();
    }
}
