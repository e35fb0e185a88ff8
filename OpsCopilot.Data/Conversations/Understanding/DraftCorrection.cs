namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// What a correction of a pending draft says: the right plate, drivers, day or time, and the drivers it takes back.
/// Built by <see cref="DraftCorrectionReader"/>.
/// </summary>
public sealed record DraftCorrection(
    string? Plate,
    IReadOnlyList<DriverRef> RightDrivers,
    IReadOnlyList<DriverRef> WrongDrivers,
    DateOnly? Date,
    TimeOnly? Time)
{
    public bool SaysAnything => Plate is not null || RightDrivers.Count > 0 || WrongDrivers.Count > 0 || Date is not null || Time is not null;
}
