namespace OpsCopilot.Data.Conversations.Understanding;

public enum NameLookupOutcome
{
    NotFound,
    Resolved,

    /// <summary>Several drivers fit ("Anna" with two Annas); the dispatcher has to say which.</summary>
    Ambiguous,
}

public readonly record struct NameLookup(NameLookupOutcome Outcome, DriverRef? Driver)
{
    public static NameLookup NotFound => new(NameLookupOutcome.NotFound, null);

    public static NameLookup Ambiguous => new(NameLookupOutcome.Ambiguous, null);

    public static NameLookup From(IReadOnlyCollection<DriverRef> candidates) => candidates.Count switch
    {
        0 => NotFound,
        1 => new(NameLookupOutcome.Resolved, candidates.First()),
        _ => Ambiguous,
    };
}
