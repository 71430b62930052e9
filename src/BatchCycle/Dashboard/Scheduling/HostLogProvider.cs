using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The job scheduler's log goes to the dashboard's log. The scheduler keeps one log provider for the whole process,
/// so once the dashboard that set it has stopped (tests start and stop several in one process) its messages are
/// dropped instead of reaching a closed log. A log that fails never fails the scheduler's work: its retry filter, for
/// one, logs while it decides that a failed run is tried again.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new Guarded(null);
        }
    }

    private sealed class Guarded(ILog? log) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return log?.Log(logLevel, messageFunc, exception) ?? false;
            }
#pragma warning disable CA1031 // Whatever a closed log throws, the job's state must not depend on it.
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }
    }
}
