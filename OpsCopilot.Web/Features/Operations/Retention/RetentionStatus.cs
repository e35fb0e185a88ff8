namespace OpsCopilot.Web.Features.Operations.Retention;

/// <summary>The last purge this host ran, for the console's System page.</summary>
public sealed class RetentionStatus
{
    private volatile LastRun? latest;

    public sealed record LastRun(DateTimeOffset RanAt, RetentionResult Result);

    public LastRun? Latest => latest;

    internal void Record(DateTimeOffset ranAt, RetentionResult result) => latest = new LastRun(ranAt, result);
}
