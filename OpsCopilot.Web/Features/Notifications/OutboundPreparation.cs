using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Notifications;

/// <summary>A claimed row turned into what a sender needs, or refused with the reason WhatsApp would give.</summary>
public sealed record PreparedMessage(OutboundMessage? Message, string? Refusal);

/// <summary>
/// Everything one tenant's share of a batch needs from the database, read once under that tenant: its
/// templates, and when each recipient last wrote to us (a driver's or a thread's last_inbound_at).
/// </summary>
public sealed class OutboundPreparation
{
    private readonly IReadOnlyList<BroadcastTemplate> templates;
    private readonly IReadOnlyDictionary<string, DateTimeOffset> lastInboundByPhone;
    private readonly IReadOnlyDictionary<Guid, DateTimeOffset> lastInboundByDriver;
    private readonly DateTimeOffset now;
    private readonly bool enforceWindow;

    private OutboundPreparation(IReadOnlyList<BroadcastTemplate> templates, IReadOnlyDictionary<string, DateTimeOffset> lastInboundByPhone,
        IReadOnlyDictionary<Guid, DateTimeOffset> lastInboundByDriver, DateTimeOffset now, bool enforceWindow)
    {
        this.templates = templates;
        this.lastInboundByPhone = lastInboundByPhone;
        this.lastInboundByDriver = lastInboundByDriver;
        this.now = now;
        this.enforceWindow = enforceWindow;
    }

    /// <param name="db">A context working for the rows' tenant.</param>
    public static async Task<OutboundPreparation> LoadAsync(OpsDbContext db, IReadOnlyCollection<Notification> rows, DateTimeOffset now,
        bool enforceWindow, CancellationToken cancellationToken)
    {
        var names = rows.Where(r => r.TemplateName is not null).Select(r => r.TemplateName!).Distinct().ToList();
        var templates = names.Count == 0
            ? []
            : await db.BroadcastTemplates.AsNoTracking()
                .Where(t => names.Contains(t.TemplateKey) || (t.WaTemplateName != null && names.Contains(t.WaTemplateName)))
                .ToListAsync(cancellationToken);

        var phones = rows.Where(r => r.Kind == NotificationKind.Text).Select(r => r.RecipientPhone).Distinct().ToList();
        var driverIds = rows.Where(r => r.Kind == NotificationKind.Text && r.DriverId is not null).Select(r => r.DriverId!.Value).Distinct().ToList();
        var byPhone = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var byDriver = new Dictionary<Guid, DateTimeOffset>();
        if (phones.Count > 0)
        {
            var drivers = await db.Drivers.AsNoTracking()
                .Where(d => d.LastInboundAt != null && (phones.Contains(d.Phone) || driverIds.Contains(d.Id)))
                .Select(d => new { d.Id, d.Phone, LastInboundAt = d.LastInboundAt!.Value })
                .ToListAsync(cancellationToken);
            var threads = await db.Threads.AsNoTracking()
                .Where(t => t.LastInboundAt != null && phones.Contains(t.WaUserId))
                .Select(t => new { t.WaUserId, LastInboundAt = t.LastInboundAt!.Value })
                .ToListAsync(cancellationToken);
            foreach (var driver in drivers)
            {
                byDriver[driver.Id] = driver.LastInboundAt;
                Latest(byPhone, driver.Phone, driver.LastInboundAt);
            }
            foreach (var thread in threads) Latest(byPhone, thread.WaUserId, thread.LastInboundAt);
        }
        return new OutboundPreparation(templates, byPhone, byDriver, now, enforceWindow);
    }

    public PreparedMessage Prepare(Notification row)
    {
        var lastInbound = LastInbound(row);
        switch (row.Kind)
        {
            case NotificationKind.Text:
                if (string.IsNullOrWhiteSpace(row.Body)) return Refuse("a TEXT notification needs a body");
                if (enforceWindow && CustomerServiceWindow.RefusalForFreeText(lastInbound, now) is { } closed) return Refuse(closed);
                return Ready(row, row.Body, null, lastInbound);

            case NotificationKind.Template:
                if (string.IsNullOrWhiteSpace(row.TemplateName)) return Refuse("a TEMPLATE notification needs a template_name");
                // By key first: a key is unique per tenant, a WhatsApp name need not be.
                var template = templates.FirstOrDefault(t => t.TemplateKey == row.TemplateName)
                    ?? templates.FirstOrDefault(t => t.WaTemplateName == row.TemplateName);
                var binding = TemplateMessageRules.Bind(template, row.TemplateName, TemplateParameters.Parse(row.TemplateParams));
                if (binding.IsRefused) return Refuse(binding.Refusal!);
                var outbound = new OutboundTemplate(template!.WaTemplateName ?? template.TemplateKey, row.Language ?? template.Language, binding.Parameters);
                return Ready(row, TemplateMessageRules.Render(template.BodyTemplate, binding.Parameters), outbound, lastInbound);

            default:
                return Refuse($"unknown notification kind '{row.Kind}'");
        }
    }

    private DateTimeOffset? LastInbound(Notification row)
    {
        DateTimeOffset? latest = lastInboundByPhone.TryGetValue(row.RecipientPhone, out var byPhone) ? byPhone : null;
        if (row.DriverId is { } driverId && lastInboundByDriver.TryGetValue(driverId, out var byDriver) && (latest is null || byDriver > latest))
            latest = byDriver;
        return latest;
    }

    private static PreparedMessage Ready(Notification row, string? text, OutboundTemplate? template, DateTimeOffset? lastInbound) =>
        new(new OutboundMessage(row.Id, row.TenantId, row.RecipientPhone, row.Kind, text, template, lastInbound, row.RetryCount + 1), null);

    private static PreparedMessage Refuse(string reason) => new(null, reason);

    private static void Latest(Dictionary<string, DateTimeOffset> map, string key, DateTimeOffset value)
    {
        if (!map.TryGetValue(key, out var current) || value > current) map[key] = value;
    }
}
