namespace OpsCopilot.Data.Security;

public enum SignatureFailure
{
    None,
    MissingHeaders,
    MalformedHeaders,
    InvalidSignature,
    StaleTimestamp,
}
