namespace BatchCycle.Samples;

/// <summary>
/// A small story that produces one or two applications (or none: register labels only) plus the records that
/// support them, and knows what the screening must conclude. <paramref name="FirstRoundOnly"/> marks a story
/// that must not repeat at scale because its repetition would change the outcome (an applicant with no
/// registration number cannot be told apart from another one).
/// </summary>
public sealed record Scenario(string Name, int Applications, string Story, Action<CaseBuilder> Tell, bool FirstRoundOnly = false);
