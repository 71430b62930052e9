namespace BatchCycle.Pipeline;

/// <summary>
/// Something the user must fix (a setting, a template they edited): shown as its message, never as a stack
/// trace, by the command line, the dashboard and the run log.
/// </summary>
public abstract class UserFacingException(string message) : Exception(message);
