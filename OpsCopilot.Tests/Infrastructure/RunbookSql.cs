namespace OpsCopilot.Tests.Infrastructure;

/// <summary>Statements of the pilot runbook (shared/seeds/000_*.txt §3.2; docs/runbooks.md), verbatim, for the tests that run them.</summary>
public static class RunbookSql
{
    public const string SeedShiftReminderTemplate = """
        INSERT INTO ops.broadcast_templates (
            tenant_id, template_key, audience, body_template,
            expected_params, wa_template_name, is_approved, is_active
        ) VALUES (
            1, 'shift_reminder', 'DRIVER',
            'Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.',
            ARRAY['driver_name', 'date', 'time'],
            'shift_reminder_v1', TRUE, TRUE
        ) ON CONFLICT DO NOTHING;
        """;

    public static string SeedSubscription(Guid driverId) => $"""
        INSERT INTO ops.broadcast_subscriptions (tenant_id, driver_id, is_subscribed)
        VALUES (1, '{driverId}', TRUE) ON CONFLICT DO NOTHING;
        """;
}
