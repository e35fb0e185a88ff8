using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Pairing;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>
/// An outbox row as the console shows it: to whom (the driver's or user's name beside the masked number) and which
/// template, by the key the Templates page shows (the row may carry the WhatsApp template name instead).
/// </summary>
public sealed record NotificationRow(Notification Notification, string? RecipientName, string? TemplateKey);

/// <summary>The Notifications page's reads: a page of the outbox with names, looked up for the page at once.</summary>
public sealed class NotificationRows(NotificationAdministration outbox, OpsDbContext db)
{
    public async Task<Page<NotificationRow>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var found = await outbox.ListAsync(status, page, pageSize, cancellationToken);
        return found.WithItems(await DescribeAsync(found.Items, cancellationToken));
    }

    public async Task<IReadOnlyList<NotificationRow>> DescribeAsync(IReadOnlyList<Notification> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var driverIds = rows.Select(n => n.DriverId).OfType<Guid>().Distinct().ToList();
        var phones = rows.Select(n => n.RecipientPhone).Distinct().ToList();
        var drivers = await db.Drivers.AsNoTracking()
            .Where(d => driverIds.Contains(d.Id) || phones.Contains(d.Phone))
            .Select(d => new { d.Id, d.Phone, d.FullName }).ToListAsync(cancellationToken);
        var tenantId = db.Tenant.Required;
        var users = await (
            from identity in db.Identities.AsNoTracking()
            where phones.Contains(identity.WaUserId) && identity.Status == IdentityStatus.Active
            join user in db.Users.AsNoTracking() on identity.UserId equals user.Id
            where user.TenantId == tenantId
            select new { identity.WaUserId, Name = user.DisplayName ?? user.Email }).ToListAsync(cancellationToken);
        var templateNames = rows.Select(n => n.TemplateName).OfType<string>().Distinct().ToList();
        var templates = templateNames.Count == 0 ? [] : await db.BroadcastTemplates.AsNoTracking()
            .Where(t => templateNames.Contains(t.TemplateKey) || (t.WaTemplateName != null && templateNames.Contains(t.WaTemplateName)))
            .Select(t => new { t.TemplateKey, t.WaTemplateName }).ToListAsync(cancellationToken);

        return rows.Select(n => new NotificationRow(n,
            drivers.FirstOrDefault(d => d.Id == n.DriverId)?.FullName
                ?? drivers.FirstOrDefault(d => d.Phone == n.RecipientPhone)?.FullName
                ?? users.FirstOrDefault(u => u.WaUserId == n.RecipientPhone)?.Name,
            n.TemplateName is not { } name ? null
                // By key first, as the outbox resolves it (OutboundPreparation): a key is unique per tenant, a WhatsApp name need not be.
                : templates.FirstOrDefault(t => t.TemplateKey == name)?.TemplateKey
                  ?? templates.FirstOrDefault(t => t.WaTemplateName == name)?.TemplateKey
                  ?? name)).ToList();
    }
}
