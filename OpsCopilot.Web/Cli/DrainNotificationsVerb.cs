using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// `drain-notifications [--tenant N]`: the webhook runbook's drain (docs/runbooks.md, webhook §2: failed → queued, due now) for one tenant or
/// all of them, each tenant's drain audited as NOTIFICATIONS_DRAINED. Running hosts pick the rows up on their next poll.
/// </summary>
public static class DrainNotificationsVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        int? only = context.Option("--tenant") is { } value
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : throw new CliUsageException("--tenant needs a tenant id.")
            : null;
        var db = context.Services.GetRequiredService<OpsDbContext>();
        var tenants = only is { } one
            ? [one]
            : await db.Notifications.IgnoreQueryFilters().Where(n => n.Status == NotificationStatus.Failed)
                .Select(n => n.TenantId).Distinct().OrderBy(t => t).ToListAsync();

        var total = 0;
        foreach (var tenantId in tenants)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var drained = await OutboxStore.DrainFailedAsync(db, tenantId, CancellationToken.None);
            db.Events.Add(new OpsEvent
            {
                TenantId = tenantId,
                EventType = EventTypes.NotificationsDrained,
                Payload = JsonSerializer.Serialize(new { count = drained, source = "cli" }),
            });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            Console.WriteLine($"tenant {tenantId}: {drained} failed notification(s) re-queued");
            total += drained;
        }
        Console.WriteLine($"Drained {total} notification(s).");
        return 0;
    }
}
