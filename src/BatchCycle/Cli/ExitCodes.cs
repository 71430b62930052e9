namespace BatchCycle.Cli;

/// <summary>Exit codes other tools rely on: 0 completed, non-zero could not complete, with the reason on standard error.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A stage failed; the run is recorded as failed with its error.</summary>
    public const int Failed = 1;

    /// <summary>The request itself was wrong (missing folder, bad option, bad setting).</summary>
    public const int BadRequest = 2;

    /// <summary>Another run holds the database.</summary>
    public const int AnotherRunActive = 3;

    public static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return BadRequest;
    }

    public static int Busy(string message)
    {
        Console.Error.WriteLine(message);
        return AnotherRunActive;
    }
}
