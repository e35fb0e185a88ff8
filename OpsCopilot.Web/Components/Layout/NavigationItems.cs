using System.Security.Claims;
using OpsCopilot.Data.Identity;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Web.Components.Layout;

/// <param name="Switched">The page exists only while its feature's <see cref="IConsolePageSwitch"/> is on.</param>
public sealed record NavigationItem(string Title, string Icon, string Path, string Permission, bool Switched = false);

/// <summary>The console's pages; a user sees only those their permissions open.</summary>
public static class NavigationItems
{
    public static readonly IReadOnlyList<NavigationItem> All =
    [
        new("Dashboard", "dashboard", "", Permissions.DashboardView),
        new("Pairing", "qr_code_2", "pairing", Permissions.PairingManage),
        new("Identities", "phone_iphone", "identities", Permissions.PairingManage),
        new("Drafts", "pending_actions", "drafts", Permissions.DraftsView),
        new("Tickets", "confirmation_number", "tickets", Permissions.TicketsView),
        new("Templates", "text_snippet", "templates", Permissions.TemplatesView),
        new("Drivers & Subscriptions", "local_shipping", "drivers", Permissions.DriversView),
        new("Notifications", "outbox", "notifications", Permissions.NotificationsManage),
        new("Conversations", "forum", "conversations", Permissions.ConversationsManage),
        new("Audit", "history", "audit", Permissions.AuditView),
        new("Users", "group", "users", Permissions.UsersManage),
        new("System", "monitor_heart", "system", Permissions.SystemView),
        new("WhatsApp simulator", "sms", "simulator", Permissions.ConversationsManage, Switched: true),
    ];

    /// <param name="switches">The switched pages' switches; without them no switched page is shown.</param>
    public static IEnumerable<NavigationItem> Visible(ClaimsPrincipal user, IEnumerable<IConsolePageSwitch>? switches = null) =>
        All.Where(item => user.HasPermission(item.Permission)
                          && (!item.Switched || switches?.Any(s => s.Path == item.Path && s.IsOn) == true));
}
