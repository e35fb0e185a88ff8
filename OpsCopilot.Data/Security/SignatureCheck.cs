namespace OpsCopilot.Data.Security;

/// <summary>
/// Outcome of a signature check. <see cref="UsedPreviousSecret"/> tells operators whether the
/// sender still signs with the old secret, i.e. whether it is safe to drop it yet.
/// </summary>
public sealed record SignatureCheck(
    SignatureFailure Failure,
    WebhookScheme Scheme = WebhookScheme.None,
    bool UsedPreviousSecret = false)
{
    public bool IsValid => Failure == SignatureFailure.None;

    internal static SignatureCheck Valid(WebhookScheme scheme, bool usedPreviousSecret) =>
        new(SignatureFailure.None, scheme, usedPreviousSecret);

    internal static SignatureCheck Failed(SignatureFailure failure, WebhookScheme scheme = WebhookScheme.None) =>
        new(failure, scheme);
}
