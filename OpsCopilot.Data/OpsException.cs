namespace OpsCopilot.Data;

public enum OpsErrorKind { Validation, NotFound, Conflict }

/// <summary>A refusal the caller should see as such (400/404/409 problem+json), never a 500.</summary>
/// <param name="details">Extra members of the problem answer, snake_case, e.g. the state a conflict found.</param>
public sealed class OpsException(OpsErrorKind kind, string message, string? field = null, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public OpsErrorKind Kind { get; } = kind;
    public string? Field { get; } = field;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static OpsException Invalid(string field, string message) => new(OpsErrorKind.Validation, message, field);
    public static OpsException NotFound(string what) => new(OpsErrorKind.NotFound, $"{what} was not found.");
    public static OpsException Conflict(string message) => new(OpsErrorKind.Conflict, message);
}
