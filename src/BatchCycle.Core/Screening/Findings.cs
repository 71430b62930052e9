using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// The result and notes of a requirement checked point by point: every point may add a note, and a point that
/// fails or cannot be decided makes the result worse (not met over unknown over met). Local to one check.
/// </summary>
internal sealed class Findings
{
    private readonly List<Message> notes = [];

    public RequirementStatus Status { get; private set; } = RequirementStatus.Met;

    public IReadOnlyList<Message> Notes => notes;

    /// <summary>A point that is not met or unknown, with the note saying why.</summary>
    public void Add(RequirementStatus result, Message note)
    {
        Status = Line.Worst(Status, result);
        notes.Add(note);
    }

    /// <summary>A note that does not change the result.</summary>
    public void Note(Message note) => notes.Add(note);

    public void Note(IEnumerable<Message> more) => notes.AddRange(more);

    /// <summary>A note put before the others (the summary the line opens with).</summary>
    public void NoteFirst(Message note) => notes.Insert(0, note);

    /// <summary>The result line of requirement <paramref name="id"/>: the result and the notes joined.</summary>
    public RequirementResult Result(string id, IEnumerable<string>? evidence = null) => Line.Of(id, Status, Line.Join(notes), evidence);
}
