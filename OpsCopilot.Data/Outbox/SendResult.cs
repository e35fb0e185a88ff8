namespace OpsCopilot.Data.Outbox;

public enum SendOutcome
{
    /// <summary>The provider accepted the message.</summary>
    Sent,
    /// <summary>The provider asked us to slow down (429, or 503 with Retry-After).</summary>
    Throttled,
    /// <summary>Worth retrying: 5xx, timeouts, connection failures.</summary>
    Transient,
    /// <summary>Retrying the same message will not help (4xx, refused by the rules): waits for an operator.</summary>
    Permanent,
}

public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static SendResult Sent(string? providerMessageId) => new(SendOutcome.Sent, providerMessageId);
    public static SendResult Throttled(TimeSpan? retryAfter, string error) => new(SendOutcome.Throttled, Error: error, RetryAfter: retryAfter);
    public static SendResult Transient(string error) => new(SendOutcome.Transient, Error: error);
    public static SendResult Permanent(string error) => new(SendOutcome.Permanent, Error: error);
}
