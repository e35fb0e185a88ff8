using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Cli;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>Idempotency keys are kept for the retention period, then purged; expired payload samples go too.</summary>
public sealed class IngestRetentionTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task The_sweep_purges_keys_past_retention_and_expired_samples_and_nothing_else()
    {
        var db = factory.Database;
        var old = Gateway.NewMessageId();
        var fresh = Gateway.NewMessageId();
        await db.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, message_id, wa_user_id, created_at)
            VALUES ($1, $1, '436641234567', now() - interval '8 days'), ($2, $2, '436641234567', now() - interval '6 days')
            """, old, fresh);
        await db.ExecuteAsync("""
            INSERT INTO ops.webhook_logs (payload, expires_at) VALUES ('expired', now() - interval '1 minute'), ('current', now() + interval '1 day')
            """);
        var worker = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<IngestRetentionWorker>().Single();

        await worker.SweepOnceAsync(TimeSpan.FromDays(7), CancellationToken.None);

        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", old)).ShouldBe(0L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", fresh)).ShouldBe(1L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.webhook_logs WHERE payload = 'expired'")).ShouldBe(0L);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.webhook_logs WHERE payload = 'current'")).ShouldBe(1L);
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains("RETENTION_WA_EVENTS_PURGED", StringComparison.Ordinal));
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains("RETENTION_WEBHOOK_LOGS_PURGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purging_works_in_batches_and_from_the_cli()
    {
        var db = factory.Database;
        await db.ExecuteAsync("""
            INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, created_at)
            SELECT 'bulk-' || g, '436641234567', now() - interval '30 days' FROM generate_series(1, 2500) g
            """);

        var exit = await CliRunner.RunAsync(["purge-ingest", "--older-than-days", "20",
            $"--ConnectionStrings:Default={db.AppConnectionString}", $"--ConnectionStrings:Migrations={db.OwnerConnectionString}"]);

        exit.ShouldBe(0);
        (await db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key LIKE 'bulk-%'")).ShouldBe(0L);
        (await CliRunner.RunAsync(["purge-ingest", "--older-than-days", "zero"])).ShouldBe(2);
    }

    [Fact]
    public async Task The_runtime_role_may_purge_but_not_unblock_across_tenants()
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var role = new Npgsql.NpgsqlCommand("SET ROLE ops_app", connection)) await role.ExecuteNonQueryAsync();

        await using (var purge = new Npgsql.NpgsqlCommand("SELECT ops.purge_ingest_dedup(interval '7 days', 10)", connection))
            (await purge.ExecuteScalarAsync()).ShouldBeOfType<int>();
        await using var unblock = new Npgsql.NpgsqlCommand("SELECT ops.unblock_message('x')", connection);
        var denied = await Should.ThrowAsync<Npgsql.PostgresException>(() => unblock.ExecuteScalarAsync());
        denied.SqlState.ShouldBe("42501");
    }
}
