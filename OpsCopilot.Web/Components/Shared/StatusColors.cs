using MudBlazor;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>One colour per meaning, for every status the console shows (drafts, tickets, messages, phones, codes).</summary>
public static class StatusColors
{
    public static Color Of(string status) => status.ToUpperInvariant() switch
    {
        // Waiting for a person.
        "PENDING_CONFIRM" or "IN_PROGRESS" or "SENDING" => Color.Warning,
        // Under way, nothing to do.
        "COMMITTING" or "QUEUED" or "PENDING" => Color.Info,
        // Done.
        "COMMITTED" or "RESOLVED" or "SENT" or "DELIVERED" or "READ" or "ACTIVE" or "USED" or "APPROVED" or "SUBSCRIBED" or "PASS" => Color.Success,
        // Needs attention.
        "FAILED" or "DEAD" or "REVOKED" or "OPEN" or "FAIL" => Color.Error,
        // Over, nothing happened.
        _ => Color.Default,
    };
}
