using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Data.Conversations;

/// <summary>What message understanding needs to know about the tenant: its time zone, drivers and templates.</summary>
public sealed class InterpretationContextLoader(OpsDbContext db)
{
    public async Task<InterpretationContext> LoadAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        // One round trip instead of three: this runs for every message that is not a protocol word, so each extra
        // statement is latency and server CPU on the ingest path (docs/benchmarks.md). The explicit tenant_id
        // conditions are the second layer the query filters give the EF queries; row-level security is the first.
        var rows = await db.Database.SqlQuery<ContextRow>($"""
            SELECT t.timezone AS "TimeZoneId",
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
        return new InterpretationContext(row.TimeZoneId, receivedAt, drivers,
            templates.Select(t => new TemplateRef(t.TemplateKey, t.ExpectedParams, t.Synonyms)).ToList());
    }

    private sealed record ContextRow(string TimeZoneId, string Drivers, string Templates);

    private sealed record TemplateRow(string TemplateKey, List<string> ExpectedParams, List<string> Synonyms);
}
