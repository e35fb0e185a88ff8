namespace OpsCopilot.Data.Conversations.Understanding;

public sealed record RecipientResolution(bool AllDrivers, IReadOnlyList<DriverRef> Drivers, IReadOnlyList<string> UnresolvedNames)
{
    /// <summary>The message addresses someone, even if not every name could be matched.</summary>
    public bool NamesAnyone => AllDrivers || Drivers.Count > 0 || UnresolvedNames.Count > 0;
}
