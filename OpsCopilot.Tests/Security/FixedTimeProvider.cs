namespace OpsCopilot.Tests.Security;

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static FixedTimeProvider AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => now;
}
