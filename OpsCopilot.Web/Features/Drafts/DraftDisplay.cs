using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MudBlazor;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>How the console shows drafts: an action's name and icon, a preview without the WhatsApp instruction, JSON for people.</summary>
public static class DraftDisplay
{
    private const string WhatsAppInstruction = " Reply CONFIRM or CANCEL";

    /// <summary>JSON as a person reads it: indented, "Müller" not "M\u00FCller".</summary>
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ActionName(string actionType) => actionType switch
    {
        DraftActionType.CreateTicket => "Ticket",
        DraftActionType.SendBroadcast => "Broadcast",
        _ => actionType,
    };

    public static string ActionIcon(string actionType) => actionType switch
    {
        DraftActionType.CreateTicket => Icons.Material.Filled.ConfirmationNumber,
        DraftActionType.SendBroadcast => Icons.Material.Filled.Campaign,
        _ => Icons.Material.Filled.PendingActions,
    };

    /// <summary>"Create ticket: 'X'? Reply CONFIRM or CANCEL" reads "Create ticket: 'X'?" in the console, which has buttons.</summary>
    public static string Question(string preview) =>
        preview.EndsWith(WhatsAppInstruction, StringComparison.Ordinal) ? preview[..^WhatsAppInstruction.Length] : preview;

    /// <summary>Stored JSON indented for reading, characters as they are (no \u escapes); anything unparsable as it is.</summary>
    public static string Indented(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Readable) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}

/// <summary>What the operator is told after confirming or cancelling a draft.</summary>
public sealed record DraftDecisionMessage(Severity Severity, string Summary, string Detail)
{
    public static DraftDecisionMessage From(DraftDecision decision, bool wantedConfirm) => decision.Status switch
    {
        DraftStatus.Committed when wantedConfirm => new(Severity.Success, "Draft executed",
            decision.CommitResult?["reply"]?.GetValue<string>() ?? "The action was carried out."),
        DraftStatus.Committed => new(Severity.Warning, "Already executed", "The draft was confirmed before it could be cancelled."),
        DraftStatus.Cancelled when !wantedConfirm => new(Severity.Info, "Draft cancelled", "Nothing was executed."),
        DraftStatus.Cancelled => new(Severity.Warning, "Already cancelled", "Someone cancelled this draft first."),
        DraftStatus.Expired => new(Severity.Warning, "Draft expired", "It waited too long for a decision; nothing was executed."),
        DraftStatus.PendingConfirm => new(Severity.Error, "Not executed",
            (decision.Error ?? "The action failed.") + " The draft is still pending; you can try again."),
        DraftStatus.Committing => new(Severity.Info, "Being executed", "Another confirmation is executing this draft right now."),
        DraftStatus.Failed => new(Severity.Error, "Draft failed", decision.Error ?? "It was marked failed."),
        _ => new(Severity.Info, decision.Status, decision.Error ?? ""),
    };
}
