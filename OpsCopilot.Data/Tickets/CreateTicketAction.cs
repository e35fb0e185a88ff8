using System.Text.Json.Nodes;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Data.Tickets;

/// <summary>CREATE_TICKET: payload {title, description, vehicle_plate}. The unique draft_id makes a second ticket impossible.</summary>
public sealed class CreateTicketAction(TicketService tickets) : IDraftAction
{
    public string ActionType => DraftActionType.CreateTicket;

    public static JsonObject Payload(string title, string description, string? plate) =>
        new() { ["title"] = title, ["description"] = description, ["vehicle_plate"] = plate };

    public async Task<JsonObject> ExecuteAsync(Draft draft, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(draft.Payload)!.AsObject();
        var ticket = await tickets.AddAsync(
            payload["title"]?.GetValue<string>() ?? "", payload["description"]?.GetValue<string>() ?? "",
            payload["vehicle_plate"]?.GetValue<string>(), draft.Id, draft.ConfirmedBy, cancellationToken);
        return new JsonObject
        {
            ["ticket_id"] = ticket.Id, ["ticket_number"] = ticket.TicketNumber, ["title"] = ticket.Title,
            ["reply"] = DraftTexts.TicketCommitted(ticket.TicketNumber),
        };
    }
}
