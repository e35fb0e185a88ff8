using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// The only things the model can do. Each tool merely describes a draft (or none); the copilot turns it into a
/// pending draft that the dispatcher still has to CONFIRM, so nothing the model says executes anything.
/// </summary>
public static class PlannerTools
{
    public const string CreateTicketDraft = "create_ticket_draft";
    public const string SendBroadcastDraft = "send_broadcast_draft";
    public const string AnswerHelp = "answer_help";

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A declaration only: the model may call it, the planner judges the call, nothing is ever invoked.</summary>
    private static AIFunctionDeclaration Declare(string name, string description, JsonElement schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, schema);

    /// <summary>The recipients value that addresses every driver of the tenant.</summary>
    public const string AllDrivers = "ALL";

    public static IReadOnlyList<AITool> All { get; } =
    [
        Declare(
            CreateTicketDraft,
            "Propose a ticket for a vehicle defect or operational problem the dispatcher reports. "
            + "The dispatcher confirms it before it is created.",
            Schema("""
            {
              "type": "object",
              "properties": {
                "title": { "type": "string", "description": "Short summary in the dispatcher's language: the problem, then vehicle word and plate, e.g. 'Bremsenproblem LKW W-1234'." },
                "vehicle_plate": { "type": "string", "description": "The licence plate exactly as written in the message, e.g. 'W-1234'. Leave out when the message names none." }
              },
              "required": ["title"],
              "additionalProperties": false
            }
            """)),
        Declare(
            SendBroadcastDraft,
            "Propose sending one of the tenant's message templates to drivers. The dispatcher confirms it before anything is sent.",
            Schema("""
            {
              "type": "object",
              "properties": {
                "template_key": { "type": "string", "description": "Key of one of the tenant's templates, exactly as listed." },
                "recipients": {
                  "type": "array",
                  "items": { "type": "string" },
                  "description": "Full names of the drivers the message names, as in the driver list; [\"ALL\"] when it addresses every driver."
                },
                "date": { "type": "string", "description": "Day the message refers to, as YYYY-MM-DD in the tenant's time zone." },
                "time": { "type": "string", "description": "Local time of day the message refers to, as HH:mm (24 hours)." },
                "params": {
                  "type": "object",
                  "additionalProperties": { "type": "string" },
                  "description": "Other template params the message states (e.g. route); never driver names, date or time."
                }
              },
              "required": ["template_key", "recipients"],
              "additionalProperties": false
            }
            """)),
        Declare(
            AnswerHelp,
            "The message asks for neither a ticket nor a broadcast (small talk, a question, unclear): nothing is drafted and the "
            + "dispatcher gets the help text.",
            Schema("""{ "type": "object", "properties": {}, "additionalProperties": false }""")),
    ];
}
