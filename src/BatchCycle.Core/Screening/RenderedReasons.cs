using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// The texts made from the reasons of one screening (a note in each language, the stored JSON), each made once for
/// the reasons that recur. At 100× the 740,000 requirement lines hold 392,000 distinct reasons, but the 200 most
/// frequent cover 341,000 lines: the first <see cref="Capacity"/> distinct reasons met are kept, the rest are made
/// afresh, so the memo stays small where keeping every reason held another 100 MB through the stage.
/// </summary>
internal sealed class RenderedReasons<T>(Func<Message, T> render)
{
    public const int Capacity = 4096;

    private readonly Dictionary<Message, T> made = [];

    public T Of(Message reason)
    {
        if (made.TryGetValue(reason, out var text))
        {
            return text;
        }

        text = render(reason);
        if (made.Count < Capacity)
        {
            made[reason] = text;
        }

        return text;
    }
}
