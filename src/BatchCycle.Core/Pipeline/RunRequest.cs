namespace BatchCycle.Pipeline;

/// <summary>What the command line, the dashboard or a schedule asks for.</summary>
public sealed record RunRequest(string InputFolder, string OutFolder, int Year, DateOnly AsOf, string StartedBy);
