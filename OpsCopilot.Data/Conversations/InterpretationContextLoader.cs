using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What message understanding needs to know about the tenant: its time zone, drivers and templates. From the host's
/// snapshot when this scope has read the tenant's context version in its own transaction
/// (<see cref="VersionRead"/>, the ingest path's thread statement) and the snapshot is of that version; otherwise
/// from the database, in one statement that also returns the version, and then kept.
/// </summary>
public sealed class InterpretationContextLoader(OpsDbContext db, InterpretationContextSnapshots snapshots)
{
    private (int TenantId, long Version)? versionRead;

    /// <summary>The tenant's <c>context_version</c> as a statement of this scope's transaction read it.</summary>
    public void VersionRead(int tenantId, long version) => versionRead = (tenantId, version);

    public async Task<InterpretationContext> LoadAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        if (versionRead is { } read && read.TenantId == tenantId && snapshots.Find(tenantId, read.Version) is { } kept)
            return kept.At(receivedAt);

        var loaded = await ReadAsync(tenantId, cancellationToken);
        snapshots.Keep(tenantId, loaded);
        return loaded.At(receivedAt);
    }

    private async Task<InterpretationContextSnapshot> ReadAsync(int tenantId, CancellationToken cancellationToken)
    {
        // One round trip instead of three, and the version in the same statement (the same snapshot of the data), so a
        // kept snapshot is exactly what that version means. The explicit tenant_id conditions are the second layer the
        // query filters give the EF queries; row-level security is the first.
        var rows = await db.Database.SqlQuery<ContextRow>($"""
            SELECT t.context_version AS "Version", t.timezone AS "TimeZoneId",
                   (SELECT COALESCE(json_agg(json_build_object('Id', d.id, 'FullName', d.full_name)), '[]'::json)
                      FROM ops.drivers d WHERE d.tenant_id = t.id AND d.is_active)::text AS "Drivers",
                   (SELECT COALESCE(json_agg(json_build_object('TemplateKey', b.template_key,
                                                               'ExpectedParams', b.expected_params,
                                                               'Synonyms', b.synonyms)), '[]'::json)
                      FROM ops.broadcast_templates b WHERE b.tenant_id = t.id)::text AS "Templates"
            FROM ops.tenants t
            WHERE t.id = {tenantId}
            """).ToListAsync(cancellationToken);
        var row = rows.Single();
        var drivers = JsonSerializer.Deserialize<List<DriverRef>>(row.Drivers) ?? [];
        var templates = JsonSerializer.Deserialize<List<TemplateRow>>(row.Templates) ?? [];
        return new InterpretationContextSnapshot(row.Version, row.TimeZoneId, drivers,
            templates.Select(t => new TemplateRef(t.TemplateKey, t.ExpectedParams, t.Synonyms)).ToList());
    }

    private sealed record ContextRow(long Version, string TimeZoneId, string Drivers, string Templates);

    private sealed record TemplateRow(string TemplateKey, List<string> ExpectedParams, List<string> Synonyms);
}
