using System.Runtime.ExceptionServices;

namespace BatchCycle.Pipeline;

/// <summary>
/// Work done side by side (<see cref="Parallel"/>, PLINQ) reports its failures wrapped together. A mistake of the
/// user's among them (a template error) is what the user must read, the same whichever item met it first, so it
/// is thrown as itself; anything else stays wrapped, as the bug or environment problem it is.
/// </summary>
public static class SideBySide
{
    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return work();
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.OfType<UserFacingException>().FirstOrDefault() is { } mistake)
        {
            ExceptionDispatchInfo.Throw(mistake);
            throw; // Not reached: Throw never returns, but the compiler cannot know it.
        }
    }

    public static void Run(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Run<object?>(() =>
        {
            work();
            return null;
        });
    }
}
