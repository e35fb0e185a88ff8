using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Conversations;

/// <summary>An ACTIVE pairing of a WhatsApp number.</summary>
public sealed record PairedSender(int TenantId, Guid IdentityId, Guid UserId);

/// <summary>Who a number is before its tenant is known: its ACTIVE pairing, if any, and its driver memberships.</summary>
public sealed record SenderIdentity(PairedSender? Paired, IReadOnlyList<(int TenantId, Guid DriverId)> DriverMemberships);

/// <summary>
/// Looks a sender up before its tenant is known. Row-level security hides every tenant's rows at that point, so
/// these go through the narrow SECURITY DEFINER functions of migrations 0005, 0009 and 0010.
/// </summary>
public static class SenderDirectory
{
    /// <summary>
    /// <see cref="ResolveAsync"/> and the driver memberships (ops.find_driver_memberships) in one round trip
    /// (ops.identify_sender of migration 0010): the ingest path asks both for every message.
    /// </summary>
    public static async Task<SenderIdentity> IdentifyAsync(OpsDbContext db, string waUserId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<SenderRow>($"""
            SELECT kind AS "Kind", tenant_id AS "TenantId", id AS "Id", user_id AS "UserId"
            FROM ops.identify_sender({waUserId}::text)
            """).ToListAsync(cancellationToken);
        return Compose(rows);
    }

    /// <summary>The rows of ops.identify_sender (kind 'paired' or 'driver') as one sender.</summary>
    internal static SenderIdentity Compose(IReadOnlyList<SenderRow> rows)
    {
        var paired = rows.Where(r => r.Kind == "paired").Select(r => new PairedSender(r.TenantId, r.Id, r.UserId!.Value)).SingleOrDefault();
        var memberships = rows.Where(r => r.Kind == "driver").Select(r => (r.TenantId, r.Id)).ToList();
        return new SenderIdentity(paired, memberships);
    }

    public static async Task<PairedSender?> ResolveAsync(OpsDbContext db, string waUserId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<PairedSender>($"""
            SELECT tenant_id AS "TenantId", identity_id AS "IdentityId", user_id AS "UserId"
            FROM ops.resolve_sender({waUserId}::text)
            """).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>Opens the driver's 24-hour free-text window in every tenant that knows the number.</summary>
    public static Task TouchDriverInboundAsync(OpsDbContext db, string phone, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT ops.touch_driver_inbound({phone}::text, {at.ToUniversalTime()}::timestamptz)", cancellationToken);

    /// <summary>
    /// STOP / START: sets the number's subscription in every tenant that has it as an active driver, each change with
    /// that tenant's SUBSCRIPTION_CHANGED event, in the caller's transaction. Returns how many changed.
    /// </summary>
    public static async Task<int> SetDriverSubscriptionAsync(OpsDbContext db, string phone, bool subscribed, string source,
        CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT ops.set_driver_subscription_by_phone({phone}::text, {subscribed}, {source}::text) AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    internal sealed record SenderRow(string Kind, int TenantId, Guid Id, Guid? UserId);
}
