using System.Security.Claims;
using MudBlazor;
using OpsCopilot.Data.Identity;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Web.Components.Layout;

/// <param name="Icon">A MudBlazor icon (SVG path data).</param>
/// <param name="Switched">The page exists only while its feature's <see cref="IConsolePageSwitch"/> is on.</param>
public sealed record NavigationItem(string Title, string Icon, string Path, string Permission, bool Switched = false);

/// <summary>The console's pages; a user sees only those their permissions open.</summary>
public static class NavigationItems
{
    public static readonly IReadOnlyList<NavigationItem> All =
    [
        new("Dashboard", Icons.Material.Filled.Dashboard, "", Permissions.DashboardView),
        new("Pairing", Icons.Material.Filled.QrCode2, "pairing", Permissions.PairingManage),
        new("Identities", Icons.Material.Filled.PhoneIphone, "identities", Permissions.PairingManage),
        new("Drafts", Icons.Material.Filled.PendingActions, "drafts", Permissions.DraftsView),
        new("Tickets", Icons.Material.Filled.ConfirmationNumber, "tickets", Permissions.TicketsView),
        new("Templates", Icons.Material.Filled.TextSnippet, "templates", Permissions.TemplatesView),
        new("Drivers & Subscriptions", Icons.Material.Filled.LocalShipping, "drivers", Permissions.DriversView),
        new("Notifications", Icons.Material.Filled.Outbox, "notifications", Permissions.NotificationsManage),
        new("Conversations", Icons.Material.Filled.Forum, "conversations", Permissions.ConversationsManage),
        new("Audit", Icons.Material.Filled.History, "audit", Permissions.AuditView),
        new("Users", Icons.Material.Filled.Group, "users", Permissions.UsersManage),
        new("System", Icons.Material.Filled.MonitorHeart, "system", Permissions.SystemView),
        new("WhatsApp simulator", Icons.Material.Filled.Sms, "simulator", Permissions.ConversationsManage, Switched: true),
    ];

    /// <param name="switches">The switched pages' switches; without them no switched page is shown.</param>
    public static IEnumerable<NavigationItem> Visible(ClaimsPrincipal user, IEnumerable<IConsolePageSwitch>? switches = null) =>
        All.Where(item => user.HasPermission(item.Permission)
                          && (!item.Switched || switches?.Any(s => s.Path == item.Path && s.IsOn) == true));
}
