using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        batch.BatchCommands.Add(IdentifyStatement(waUserId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadIdentityAsync(reader, cancellationToken);
    }

    /// <summary>ops.identify_sender as one statement of a batch (the ingest path asks it in its first round trip).</summary>
    public static NpgsqlBatchCommand IdentifyStatement(string waUserId) =>
        DatabaseCommands.Statement("SELECT kind, tenant_id, id, user_id FROM ops.identify_sender($1::text)", waUserId);

    /// <summary>The rows of <see cref="IdentifyStatement"/>, from the reader's current result.</summary>
    public static async Task<SenderIdentity> ReadIdentityAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        PairedSender? paired = null;
        var memberships = new List<(int TenantId, Guid DriverId)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (kind, tenantId, id) = (reader.GetString(0), reader.GetInt32(1), reader.GetGuid(2));
            if (kind == "paired")
            {
                if (paired is not null) throw new InvalidOperationException("ops.identify_sender returned two pairings.");
                paired = new PairedSender(tenantId, id, reader.GetGuid(3));
            }
            else
            {
                memberships.Add((tenantId, id));
            }
        }
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

}
