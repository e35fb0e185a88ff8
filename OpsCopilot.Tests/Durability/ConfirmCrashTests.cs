using System.Net;
using System.Net.Http.Json;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Durability;

/// <summary>
/// A console confirm claims, executes and finishes in one transaction: a host killed (kill -9) in the middle leaves the
/// draft as it was, never COMMITTING without its ticket. The real host process is killed while its confirms wait inside
/// their transactions (the test holds the tenant's ticket-number row), then a new host confirms them all.
/// </summary>
public sealed class ConfirmCrashTests
{
    private const string AdminPassword = "Crash-Admin-Password-1";

    [Fact]
    public async Task A_host_killed_while_console_confirms_are_inside_their_transaction_leaves_them_pending_not_stuck()
    {
        const int confirms = 8;
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var settings = Settings(database);
        WebHostProcess? host = await WebHostProcess.StartAsync(WebHostProcess.FindWebDll(), settings);
        var drafts = new List<string>();
        try
        {
            using var admin = await SignInAsync(host.BaseUrl);
            // One ticket first, so the demo tenant's ticket-number row exists to be held.
            await ConfirmAsync(admin, await TicketDraftAsync(admin, "Vorlauf"));
            for (var i = 0; i < confirms; i++) drafts.Add(await TicketDraftAsync(admin, $"Bremsenproblem LKW W-{1000 + i}"));

            await using var holder = await database.OpenOwnerAsync();
            await using (var hold = await holder.BeginTransactionAsync())
            {
                await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT last_number FROM ops.ticket_sequences WHERE tenant_id = 1 FOR UPDATE", holder, hold))
                    await lockRow.ExecuteScalarAsync();

                var inFlight = drafts.Select(id => admin.PostAsJsonAsync($"api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).ToList();
                await EventuallyAsync(async () => await WaitingForLocksAsync(database) >= confirms, "every confirm waits inside its transaction");

                await host.DisposeAsync(); // SIGKILL of the host process
                host = null;
                foreach (var request in inFlight)
                    await Should.ThrowAsync<HttpRequestException>(async () => (await request).EnsureSuccessStatusCode());
                await hold.RollbackAsync();
            }

            // The killed host's backends notice the dead client once they get the lock, and roll back.
            await EventuallyAsync(async () => await WaitingForLocksAsync(database) == 0 && await BusyBackendsAsync(database) == 0, "the dead host's transactions are gone");
            (await database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE status = 'COMMITTING'")).ShouldBe(0L);
            (await database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE id = ANY($1::uuid[]) AND status = 'PENDING_CONFIRM' AND confirmed_by IS NULL", (object)drafts.ToArray()))
                .ShouldBe(confirms);
            (await database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets")).ShouldBe(1L);

            // Nothing to recover by hand: a new host confirms every one of them, once.
            host = await WebHostProcess.StartAsync(WebHostProcess.FindWebDll(), settings);
            using var again = await SignInAsync(host.BaseUrl);
            // The restarted host (Production, run from bin/ as run.sh does) serves a working console: its script and styles.
            foreach (var asset in new[] { "_framework/blazor.web.js", "app.css" })
            {
                using var served = await again.GetAsync(asset);
                served.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
                (await served.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100, asset);
            }
            foreach (var id in drafts) await ConfirmAsync(again, id);
            (await database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE draft_id = ANY($1::uuid[])", (object)drafts.ToArray())).ShouldBe(confirms);
            (await database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'DRAFT_COMMITTED' AND payload->>'draft_id' = ANY($1)", (object)drafts.ToArray()))
                .ShouldBe(confirms);
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Settings(TestDatabase database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // On loopback without TLS: name the host, and let the session cookie travel over plain HTTP (docs/security.md).
        ["AllowedHosts"] = "127.0.0.1;localhost",
        ["OpsCopilot__Transport__SecureCookies"] = "false",
        ["ConnectionStrings__Default"] = database.AppConnectionString,
        ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
        ["CLAWDBOT_WEBHOOK_SECRET"] = "crash-webhook-secret",
        ["OPS_DEMO_ADMIN_PASSWORD"] = AdminPassword,
        ["OPS_DEMO_DISPATCHER_PASSWORD"] = "Crash-Dispatcher-Password-1",
        // The confirms must still be waiting when the host is killed, not already timed out.
        ["Database__CommandTimeoutSeconds"] = "120",
    };

    private static async Task<HttpClient> SignInAsync(Uri baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        (await client.PostAsJsonAsync("api/v1/auth/login", new { email = "admin@demo.local", password = AdminPassword })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<string> TicketDraftAsync(HttpClient admin, string title)
    {
        var draft = await (await admin.PostJsonAsync("api/v1/ops/drafts/ticket", new { title })).ShouldSucceedAsync();
        return draft["id"]!.GetValue<string>();
    }

    private static async Task ConfirmAsync(HttpClient admin, string id)
    {
        var decision = await (await admin.PostJsonAsync($"api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        decision["status"]!.GetValue<string>().ShouldBe("COMMITTED");
    }

    private static Task<long> WaitingForLocksAsync(TestDatabase database) => database.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'ops_app' AND wait_event_type = 'Lock'");

    /// <summary>The runtime role's backends still inside a transaction (the test's own sessions are the owner's).</summary>
    private static Task<long> BusyBackendsAsync(TestDatabase database) => database.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'ops_app' AND xact_start IS NOT NULL");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Not within 60 s: " + what);
            await Task.Delay(100);
        }
    }
}
