using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Drafts;
using Radzen;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>How the console shows drafts: a status's colour, an action's name and icon, a preview without the WhatsApp instruction.</summary>
public static class DraftDisplay
{
    private const string WhatsAppInstruction = " Reply CONFIRM or CANCEL";

    public static BadgeStyle StatusStyle(string status) => status switch
    {
        DraftStatus.PendingConfirm => BadgeStyle.Warning,
        DraftStatus.Committing => BadgeStyle.Info,
        DraftStatus.Committed => BadgeStyle.Success,
        DraftStatus.Failed => BadgeStyle.Danger,
        _ => BadgeStyle.Light,
    };

    public static string ActionName(string actionType) => actionType switch
    {
        DraftActionType.CreateTicket => "Ticket",
        DraftActionType.SendBroadcast => "Broadcast",
        _ => actionType,
    };

    public static string ActionIcon(string actionType) => actionType switch
    {
        DraftActionType.CreateTicket => "confirmation_number",
        DraftActionType.SendBroadcast => "campaign",
        _ => "pending_actions",
    };

    /// <summary>"Create ticket: 'X'? Reply CONFIRM or CANCEL" reads "Create ticket: 'X'?" in the console, which has buttons.</summary>
    public static string Question(string preview) =>
        preview.EndsWith(WhatsAppInstruction, StringComparison.Ordinal) ? preview[..^WhatsAppInstruction.Length] : preview;

    /// <summary>Stored JSON indented for reading; anything unparsable as it is.</summary>
    public static string Indented(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}

/// <summary>What the operator is told after confirming or cancelling a draft.</summary>
public sealed record DraftDecisionMessage(NotificationSeverity Severity, string Summary, string Detail)
{
    public static DraftDecisionMessage From(DraftDecision decision, bool wantedConfirm) => decision.Status switch
    {
        DraftStatus.Committed when wantedConfirm => new(NotificationSeverity.Success, "Draft executed",
            decision.CommitResult?["reply"]?.GetValue<string>() ?? "The action was carried out."),
        DraftStatus.Committed => new(NotificationSeverity.Warning, "Already executed", "The draft was confirmed before it could be cancelled."),
        DraftStatus.Cancelled when !wantedConfirm => new(NotificationSeverity.Info, "Draft cancelled", "Nothing was executed."),
        DraftStatus.Cancelled => new(NotificationSeverity.Warning, "Already cancelled", "Someone cancelled this draft first."),
        DraftStatus.Expired => new(NotificationSeverity.Warning, "Draft expired", "It waited too long for a decision; nothing was executed."),
        DraftStatus.PendingConfirm => new(NotificationSeverity.Error, "Not executed",
            (decision.Error ?? "The action failed.") + " The draft is still pending; you can try again."),
        DraftStatus.Committing => new(NotificationSeverity.Info, "Being executed", "Another confirmation is executing this draft right now."),
        DraftStatus.Failed => new(NotificationSeverity.Error, "Draft failed", decision.Error ?? "It was marked failed."),
        _ => new(NotificationSeverity.Info, decision.Status, decision.Error ?? ""),
    };
}
