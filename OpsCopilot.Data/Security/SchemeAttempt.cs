namespace OpsCopilot.Data.Security;

/// <summary>
/// One scheme's verdict before the freshness check. The timestamp is only meaningful once the
/// signature matched, because only then is it known to come from the sender.
/// </summary>
internal readonly record struct SchemeAttempt(SignatureFailure Failure, long Timestamp, bool UsedPreviousSecret)
{
    public static SchemeAttempt Failed(SignatureFailure failure) => new(failure, 0, false);

    public static SchemeAttempt Matched(long timestamp, bool usedPreviousSecret) =>
        new(SignatureFailure.None, timestamp, usedPreviousSecret);
}
