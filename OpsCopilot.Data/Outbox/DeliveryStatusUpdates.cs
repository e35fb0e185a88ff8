using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Outbox;

/// <summary>
/// Provider delivery receipts (sent → delivered → read, or failed) applied to the outbox by provider message id.
/// Receipts arrive without a tenant, so this goes through ops.apply_delivery_status, which also guarantees that a
/// status never moves backwards, whatever order the provider's callbacks come in.
/// </summary>
public static class DeliveryStatusUpdates
{
    /// <returns>How many notifications changed (0 when unknown, or when the receipt is older news).</returns>
    public static async Task<int> ApplyAsync(OpsDbContext db, string providerMessageId, string status, string? error,
        CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<int>($"""
            SELECT ops.apply_delivery_status({providerMessageId}::text, {status}::text, {error}::text) AS "Value"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }
}
