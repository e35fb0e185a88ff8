namespace OpsCopilot.Data.Security;

/// <summary>
/// Authenticates inbound gateway webhooks signed either the Clawdbot way or the Standard Webhooks
/// way. A request passes if either scheme validates; otherwise the most telling failure is reported.
/// </summary>
public sealed class WebhookSignatureVerifier(TimeProvider clock)
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly TimeProvider clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Header names are matched case-insensitively, as HTTP requires.</summary>
    public SignatureCheck Verify(
        ReadOnlySpan<byte> rawBody,
        IReadOnlyDictionary<string, string?> headers,
        WebhookSecrets secrets,
        TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(rawBody, name => FindHeader(headers, name), secrets, tolerance);
    }

    /// <param name="getHeader">Returns the header's value, or null when the request does not carry it.</param>
    public SignatureCheck Verify(
        ReadOnlySpan<byte> rawBody,
        Func<string, string?> getHeader,
        WebhookSecrets secrets,
        TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);

        // Up front, so a missing secret fails every request rather than only the signed ones.
        _ = secrets.Candidates();

        var now = clock.GetUtcNow();
        var standard = Judge(StandardWebhooksScheme.Check(rawBody, getHeader, secrets), WebhookScheme.StandardWebhooks, now, tolerance);
        if (standard.IsValid)
        {
            return standard;
        }

        var clawdbot = Judge(ClawdbotScheme.Check(rawBody, getHeader, secrets), WebhookScheme.Clawdbot, now, tolerance);
        if (clawdbot.IsValid)
        {
            return clawdbot;
        }

        return Specificity(standard.Failure) >= Specificity(clawdbot.Failure) ? standard : clawdbot;
    }

    // Freshness is judged only after the signature matched: the timestamp is signed, so a stale
    // verdict then means "genuine sender, replay or clock skew", which is what operators need to know.
    private static SignatureCheck Judge(SchemeAttempt attempt, WebhookScheme scheme, DateTimeOffset now, TimeSpan tolerance)
    {
        if (attempt.Failure != SignatureFailure.None)
        {
            return SignatureCheck.Failed(attempt.Failure, attempt.Failure == SignatureFailure.MissingHeaders ? WebhookScheme.None : scheme);
        }

        return UnixTimestamp.IsFresh(attempt.Timestamp, now, tolerance)
            ? SignatureCheck.Valid(scheme, attempt.UsedPreviousSecret)
            : SignatureCheck.Failed(SignatureFailure.StaleTimestamp, scheme);
    }

    // The further a scheme got, the more its failure says about the request.
    private static int Specificity(SignatureFailure failure) => failure switch
    {
        SignatureFailure.StaleTimestamp => 3,
        SignatureFailure.InvalidSignature => 2,
        SignatureFailure.MalformedHeaders => 1,
        _ => 0,
    };

    private static string? FindHeader(IReadOnlyDictionary<string, string?> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
