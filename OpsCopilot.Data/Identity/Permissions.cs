namespace OpsCopilot.Data.Identity;

/// <summary>The ops_copilot.* permission keys seeded in auth.permissions; console pages and API endpoints require them.</summary>
public static class Permissions
{
    public const string ClaimType = "permission";
    public const string TenantClaimType = "tenant_id";

    public const string DashboardView = "ops_copilot.dashboard.view";
    public const string DraftsView = "ops_copilot.drafts.view";
    public const string DraftsConfirm = "ops_copilot.drafts.confirm";
    public const string DraftsRecover = "ops_copilot.drafts.recover";
    public const string TicketsView = "ops_copilot.tickets.view";
    public const string TicketsManage = "ops_copilot.tickets.manage";
    public const string PairingManage = "ops_copilot.pairing.manage";
    public const string TemplatesView = "ops_copilot.templates.view";
    public const string TemplatesManage = "ops_copilot.templates.manage";
    public const string DriversView = "ops_copilot.drivers.view";
    public const string DriversManage = "ops_copilot.drivers.manage";
    public const string NotificationsManage = "ops_copilot.notifications.manage";
    public const string ConversationsManage = "ops_copilot.conversations.manage";
    public const string AuditView = "ops_copilot.audit.view";
    public const string UsersManage = "ops_copilot.users.manage";
    public const string SystemView = "ops_copilot.system.view";

    public static readonly IReadOnlyList<string> All =
    [
        DashboardView, DraftsView, DraftsConfirm, DraftsRecover, TicketsView, TicketsManage, PairingManage,
        TemplatesView, TemplatesManage, DriversView, DriversManage, NotificationsManage, ConversationsManage,
        AuditView, UsersManage, SystemView,
    ];
}
