namespace OpsCopilot.Data.Security;

/// <summary>
/// The shared secrets a webhook may be signed with. <paramref name="Previous"/> keeps the old
/// secret valid during a rotation; unset it (null or empty) once the gateway has switched.
/// </summary>
public sealed record WebhookSecrets(string Current, string? Previous)
{
    internal IReadOnlyList<(string Secret, bool IsPrevious)> Candidates()
    {
        // An empty key still yields a valid HMAC, so a missing setting would otherwise
        // silently accept anything signed with "" - fail loudly instead.
        if (string.IsNullOrWhiteSpace(Current))
        {
            throw new ArgumentException("The current webhook secret must be configured.", nameof(Current));
        }

        // Deployment tooling tends to leave CLAWDBOT_WEBHOOK_SECRET_PREVIOUS= empty rather than absent.
        return string.IsNullOrWhiteSpace(Previous)
            ? [(Current, false)]
            : [(Current, false), (Previous, true)];
    }
}
