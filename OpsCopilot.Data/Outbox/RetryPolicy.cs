using System.Globalization;

namespace OpsCopilot.Data.Outbox;

/// <summary>What happens to a notification after an attempt that did not end in "sent".</summary>
/// <param name="Status">queued (retry scheduled), failed (waits for an operator's drain) or dead (gave up).</param>
/// <param name="CountsAsAttempt">Whether retry_count grows.</param>
public sealed record AttemptDecision(string Status, bool CountsAsAttempt, TimeSpan RetryIn, string Error);

/// <summary>
/// Exponential backoff with "equal jitter": after the n-th failed attempt the delay is drawn from
/// [d/2, d] with d = BaseDelay·2^(n-1), then capped at MaxDelay, so delays never shrink from one attempt to
/// the next and hosts retrying the same outage spread out.
/// Throttling (429/503 with Retry-After) is the provider pacing us, not the message failing: it is retried at
/// the time the provider named (capped at MaxDelay) without using up an attempt, for as long as the
/// notification is younger than ThrottleGrace; after that it counts like any transient failure, so a
/// provider that throttles forever still ends in dead + alert.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan ThrottleGrace)
{
    public TimeSpan Backoff(int failedAttempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 30);
        var full = BaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var jittered = full / 2 + full / 2 * Math.Clamp(jitter, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    /// <param name="retryCount">Failed attempts before this one (ops.notifications.retry_count).</param>
    /// <param name="jitter">A random number in [0, 1].</param>
    public AttemptDecision Decide(SendResult result, int retryCount, DateTimeOffset createdAt, DateTimeOffset now, double jitter)
    {
        var error = result.Error ?? result.Outcome.ToString();
        switch (result.Outcome)
        {
            case SendOutcome.Permanent:
                return new AttemptDecision(NotificationStatus.Failed, true, TimeSpan.Zero, error);
            case SendOutcome.Throttled when now - createdAt < ThrottleGrace:
                var wait = result.RetryAfter is { } after && after > TimeSpan.Zero
                    ? (after < MaxDelay ? after : MaxDelay)
                    : Backoff(retryCount + 1, jitter);
                return new AttemptDecision(NotificationStatus.Queued, false, wait, error);
            case SendOutcome.Sent:
                throw new ArgumentException("A sent message needs no decision.", nameof(result));
            default:
                var attempts = retryCount + 1;
                return attempts >= MaxAttempts
                    ? new AttemptDecision(NotificationStatus.Dead, true, TimeSpan.Zero,
                        $"{error} (gave up after {attempts.ToString(CultureInfo.InvariantCulture)} attempts)")
                    : new AttemptDecision(NotificationStatus.Queued, true, Backoff(attempts, jitter), error);
        }
    }
}
