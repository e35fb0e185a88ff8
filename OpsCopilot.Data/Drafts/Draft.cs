using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Drafts;

/// <summary>An action waiting for a human's CONFIRM (ops.drafts). See DraftStatus for the state machine.</summary>
public sealed class Draft : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public Guid? ThreadId { get; set; }
    public required string ActionType { get; set; }
    public string Payload { get; set; } = "{}";
    public string Preview { get; set; } = "";
    public string Status { get; set; } = DraftStatus.PendingConfirm;
    public DateTimeOffset ExpiresAt { get; set; }
    public string? CommitResult { get; set; }
    public string? CommitError { get; set; }
    public Guid? CreatedBy { get; set; }
    public Guid? ConfirmedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class DraftStatus
{
    public const string PendingConfirm = "PENDING_CONFIRM";
    public const string Committing = "COMMITTING";
    public const string Committed = "COMMITTED";
    public const string Cancelled = "CANCELLED";
    public const string Expired = "EXPIRED";
    public const string Failed = "FAILED";

    public static readonly IReadOnlyList<string> All = [PendingConfirm, Committing, Committed, Cancelled, Expired, Failed];
}

public static class DraftActionType
{
    public const string CreateTicket = "CREATE_TICKET";
    public const string SendBroadcast = "SEND_BROADCAST";
}
