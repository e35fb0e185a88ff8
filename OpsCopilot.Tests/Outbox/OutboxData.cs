using System.Text.Json;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Outbox;

/// <summary>Tenants, drivers, templates and outbox rows written as the owner, the way the committing code would.</summary>
public static class OutboxData
{
    private static int phoneCounter = Random.Shared.Next(0, 1_000_000);

    /// <summary>A valid, unique E.164 number (digits only).</summary>
    public static string Phone() => "43664" + Interlocked.Increment(ref phoneCounter).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> TenantAsync(TestDatabase db) =>
        await db.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "Outbox " + Guid.NewGuid().ToString("N")[..10]);

    public static async Task<Guid> DriverAsync(TestDatabase db, int tenantId, string phone, DateTimeOffset? lastInboundAt = null, string name = "Max Mustermann") =>
        await db.ScalarAsync<Guid>("INSERT INTO ops.drivers (tenant_id, full_name, phone, last_inbound_at) VALUES ($1, $2, $3, $4) RETURNING id",
            tenantId, name, phone, (object?)lastInboundAt?.ToUniversalTime() ?? DBNull.Value);

    public static Task TemplateAsync(TestDatabase db, int tenantId, string key = "shift_reminder", bool approved = true, bool active = true) =>
        db.ExecuteAsync("""
            INSERT INTO ops.broadcast_templates (tenant_id, template_key, audience, body_template, expected_params, wa_template_name, is_approved, is_active)
            VALUES ($1, $2, 'DRIVER', 'Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.', ARRAY['driver_name', 'date', 'time'], $2 || '_v1', $3, $4)
            """, tenantId, key, approved, active);

    public static async Task<Guid> DraftAsync(TestDatabase db, int tenantId) =>
        await db.ScalarAsync<Guid>("""
            INSERT INTO ops.drafts (tenant_id, action_type, status, expires_at) VALUES ($1, 'SEND_BROADCAST', 'COMMITTED', now() + interval '5 minutes') RETURNING id
            """, tenantId);

    public static string ShiftParams(string driverName, string date = "24.12.", string time = "06:00") =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["driver_name"] = driverName, ["date"] = date, ["time"] = time });

    public static async Task<Guid> TemplateRowAsync(TestDatabase db, int tenantId, string phone, string templateName = "shift_reminder",
        string? paramsJson = null, Guid? draftId = null, Guid? driverId = null) =>
        await db.ScalarAsync<Guid>("""
            INSERT INTO ops.notifications (tenant_id, draft_id, driver_id, recipient_phone, kind, template_name, template_params)
            VALUES ($1, $2, $3, $4, 'TEMPLATE', $5, $6::jsonb) RETURNING id
            """, tenantId, (object?)draftId ?? DBNull.Value, (object?)driverId ?? DBNull.Value, phone, templateName, paramsJson ?? ShiftParams("Max"));

    public static async Task<Guid> TextRowAsync(TestDatabase db, int tenantId, string phone, string body, Guid? driverId = null) =>
        await db.ScalarAsync<Guid>("""
            INSERT INTO ops.notifications (tenant_id, driver_id, recipient_phone, kind, body) VALUES ($1, $2, $3, 'TEXT', $4) RETURNING id
            """, tenantId, (object?)driverId ?? DBNull.Value, phone, body);

    /// <summary>A committed broadcast: one draft, <paramref name="drivers"/> drivers, one TEMPLATE row each.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Phone, string Name)>> BroadcastAsync(TestDatabase db, int tenantId, int drivers)
    {
        var draftId = await DraftAsync(db, tenantId);
        var rows = new List<(Guid, string, string)>();
        for (var i = 0; i < drivers; i++)
        {
            var phone = Phone();
            var name = $"Fahrer {i}";
            var driverId = await DriverAsync(db, tenantId, phone, name: name);
            rows.Add((await TemplateRowAsync(db, tenantId, phone, paramsJson: ShiftParams(name), draftId: draftId, driverId: driverId), phone, name));
        }
        return rows;
    }

    /// <summary>Many TEXT rows at once (recipients inside their window), for volume tests.</summary>
    public static async Task BulkTextAsync(TestDatabase db, int tenantId, int count)
    {
        await db.ExecuteAsync("""
            INSERT INTO ops.drivers (tenant_id, full_name, phone, last_inbound_at)
            SELECT $1, 'Bulk ' || g, (4367700000000 + g)::text, now() FROM generate_series(1, $2) g
            """, tenantId, count);
        await db.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body)
            SELECT $1, (4367700000000 + g)::text, 'TEXT', 'Nachricht ' || g FROM generate_series(1, $2) g
            """, tenantId, count);
    }

    public static Task<string?> StatusAsync(TestDatabase db, Guid id) => db.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", id);

    public static Task<long> CountAsync(TestDatabase db, string where, params object[] parameters) =>
        db.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE " + where, parameters);
}
