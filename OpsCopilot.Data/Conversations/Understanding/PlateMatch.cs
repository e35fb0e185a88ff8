namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>A licence plate found in a message: normalised text plus where it was written.</summary>
public sealed record PlateMatch(string Normalized, int Start, int End);
