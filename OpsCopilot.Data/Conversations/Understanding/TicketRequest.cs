namespace OpsCopilot.Data.Conversations.Understanding;

/// <param name="Title">Short summary: problem words, then vehicle word and plate, e.g. "Bremsenproblem LKW W-1234".</param>
/// <param name="Description">The message as written (trimmed), so nothing the dispatcher said is lost.</param>
/// <param name="VehiclePlate">Normalised "W-1234" / "WN-482AB" form, or null when no plate was named.</param>
public sealed record TicketRequest(string Title, string Description, string? VehiclePlate);
