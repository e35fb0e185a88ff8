namespace OpsCopilot.Data.Audit;

public static class EventTypes
{
    public const string MessageIn = "MESSAGE_IN";
    public const string MessageOut = "MESSAGE_OUT";
    public const string Paired = "PAIRED";
    public const string PairFailed = "PAIR_FAILED";
    public const string InviteCreated = "INVITE_CREATED";
    public const string InviteRevoked = "INVITE_REVOKED";
    public const string IdentityRevoked = "IDENTITY_REVOKED";
    public const string DraftCreated = "DRAFT_CREATED";
    public const string DraftCommitted = "DRAFT_COMMITTED";
    public const string DraftCancelled = "DRAFT_CANCELLED";
    public const string DraftExpired = "DRAFT_EXPIRED";
    public const string DraftReset = "DRAFT_RESET";
    public const string DraftFailed = "DRAFT_FAILED";
    public const string DraftCommitError = "DRAFT_COMMIT_ERROR";
    public const string TicketCreated = "TICKET_CREATED";
    public const string TicketStatusChanged = "TICKET_STATUS_CHANGED";
    public const string BroadcastQueued = "BROADCAST_QUEUED";
    public const string NotifySendOk = "NOTIFY_SEND_OK";
    public const string NotifySendFailed = "NOTIFY_SEND_FAILED";
    public const string SubscriptionChanged = "SUBSCRIPTION_CHANGED";
    public const string TemplateChanged = "TEMPLATE_CHANGED";
    public const string DriverChanged = "DRIVER_CHANGED";
    public const string ThreadReset = "THREAD_RESET";
    public const string IdempotencyUnblocked = "IDEMPOTENCY_UNBLOCKED";
    public const string NotificationsDrained = "NOTIFICATIONS_DRAINED";
    public const string UserChanged = "USER_CHANGED";
    public const string RetentionRun = "RETENTION_RUN";
}
