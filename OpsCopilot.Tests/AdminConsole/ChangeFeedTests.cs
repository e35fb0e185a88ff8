using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Live;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// The database announces changes (migration 0007) and a listener in any process hears them: a draft created
/// through one host's API reaches the feed of a listener in another service provider.
/// </summary>
public sealed class ChangeFeedTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_draft_created_through_one_hosts_api_reaches_a_listener_of_another_service_provider()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);

        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Bremsenproblem W-1234" })).ShouldSucceedAsync();
        var draftId = draft["id"]!.GetValue<string>();

        var created = await listener.WaitForAsync(c => c.Entity == OpsChange.Draft && c.Id == draftId);
        created.TenantId.ShouldBe(tenant.Id);
        created.Status.ShouldBe("PENDING_CONFIRM");

        // Confirming moves it through COMMITTING to COMMITTED and creates the ticket: all three are announced.
        var decision = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        var ticketNumber = decision["commit_result"]!["ticket_number"]!.GetValue<int>();
        await listener.WaitForAsync(c => c.Entity == OpsChange.Draft && c.Id == draftId && c.Status == "COMMITTED");
        var ticket = await listener.WaitForAsync(c => c.Entity == OpsChange.Ticket && c.TenantId == tenant.Id);
        ticket.Status.ShouldBe("OPEN");
        (await factory.Database.ScalarAsync<long>("SELECT id FROM ops.tickets WHERE tenant_id = $1 AND ticket_number = $2", tenant.Id, ticketNumber))
            .ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(ticket.Id);
    }

    [Fact]
    public async Task Notifications_are_announced_when_queued_and_when_their_status_changes_but_not_when_only_touched()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (tenant, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var id = Guid.NewGuid();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.notifications (id, tenant_id, recipient_phone, kind, body) VALUES ($1, $2, '436641234567', 'TEXT', 'hi')", id, tenant.Id);
        (await listener.WaitForAsync(c => c.Entity == OpsChange.Notification && c.Id == id.ToString())).Status.ShouldBe("queued");

        await factory.Database.ExecuteAsync("UPDATE ops.notifications SET retry_count = retry_count + 1 WHERE id = $1", id);
        await factory.Database.ExecuteAsync("UPDATE ops.notifications SET status = 'failed' WHERE id = $1", id);

        await listener.WaitForAsync(c => c.Entity == OpsChange.Notification && c.Id == id.ToString() && c.Status == "failed");
        listener.Received.Count(c => c.Entity == OpsChange.Notification && c.Id == id.ToString()).ShouldBe(2);
    }

    [Fact]
    public async Task A_rolled_back_change_is_never_announced()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (tenant, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await using (var connection = await factory.Database.OpenOwnerAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await Insert(connection, rolledBack, tenant.Id);
            await transaction.RollbackAsync();
        }
        await using (var connection = await factory.Database.OpenOwnerAsync())
            await Insert(connection, committed, tenant.Id);

        await listener.WaitForAsync(c => c.Id == committed.ToString());
        listener.Received.ShouldNotContain(c => c.Id == rolledBack.ToString());

        static async Task Insert(Npgsql.NpgsqlConnection connection, Guid id, int tenantId)
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO ops.drafts (id, tenant_id, action_type, expires_at) VALUES ($1, $2, 'CREATE_TICKET', now() + interval '5 minutes')", connection);
            command.Parameters.AddWithValue(id);
            command.Parameters.AddWithValue(tenantId);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_lost_connection_is_reopened_with_a_resync_and_later_changes_still_arrive()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (tenant, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var resyncsBefore = listener.Received.Count(c => c.IsResync);

        var killed = await factory.Database.ScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
            ChangeFeedListener.ApplicationName);
        killed.ShouldBeGreaterThanOrEqualTo(1L);

        await listener.WaitForAsync(_ => listener.Received.Count(c => c.IsResync) > resyncsBefore);
        listener.Feed.IsConnected.ShouldBeTrue();
        var id = Guid.NewGuid();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drafts (id, tenant_id, action_type, expires_at) VALUES ($1, $2, 'CREATE_TICKET', now() + interval '5 minutes')", id, tenant.Id);
        await listener.WaitForAsync(c => c.Id == id.ToString());
    }

    [Fact]
    public async Task A_subscription_hears_only_its_tenant_and_coalesces_a_burst_into_few_reloads()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (mine, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (other, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var reloads = 0;
        using var subscription = listener.Feed.Subscribe(mine.Id, c => c.Entity == OpsChange.Draft, () =>
        {
            Interlocked.Increment(ref reloads);
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(300));

        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drafts (tenant_id, action_type, expires_at) SELECT $1, 'CREATE_TICKET', now() + interval '5 minutes' FROM generate_series(1, 3)", other.Id);
        var marker = Guid.NewGuid();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drafts (id, tenant_id, action_type, expires_at) VALUES ($1, $2, 'CREATE_TICKET', now() + interval '5 minutes')", marker, other.Id);
        await listener.WaitForAsync(c => c.Id == marker.ToString());
        await Task.Delay(500);
        Volatile.Read(ref reloads).ShouldBe(0);

        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drafts (tenant_id, action_type, expires_at) SELECT $1, 'CREATE_TICKET', now() + interval '5 minutes' FROM generate_series(1, 20)", mine.Id);
        var deadline = DateTime.UtcNow + Patience;
        while (Volatile.Read(ref reloads) == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(700);
        Volatile.Read(ref reloads).ShouldBeInRange(1, 2);
    }

    [Fact]
    public async Task A_phone_pairing_over_the_webhook_is_announced_once_when_it_commits_and_a_wrong_code_is_not()
    {
        await using var listener = await StandaloneListener.StartAsync(factory.Database);
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var invite = await (await client.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = admin.Id })).ShouldSucceedAsync();
        var code = invite["otp"]!.GetValue<string>();
        var phone = OpsCopilot.Tests.WhatsApp.Phones.Next();
        var wrong = code == "00000000" ? "11111111" : "00000000";

        await OpsCopilot.Tests.WhatsApp.Gateway.SendAsync(client, OpsCopilot.Tests.WhatsApp.Gateway.Signed(
            OpsCopilot.Tests.WhatsApp.Gateway.Body("whatsapp:+" + phone, "PAIR " + wrong[..code.Length], OpsCopilot.Tests.WhatsApp.Gateway.NewMessageId())));
        await OpsCopilot.Tests.WhatsApp.Gateway.SendAsync(client, OpsCopilot.Tests.WhatsApp.Gateway.Signed(
            OpsCopilot.Tests.WhatsApp.Gateway.Body("whatsapp:+" + phone, "PAIR " + code, OpsCopilot.Tests.WhatsApp.Gateway.NewMessageId())));

        var identityId = await factory.Database.ScalarAsync<Guid>("SELECT id FROM ops.identities WHERE wa_user_id = $1 AND status = 'ACTIVE'", phone);
        var paired = await listener.WaitForAsync(c => c.Entity == OpsCopilot.Data.Pairing.PairingAnnouncements.Entity && c.Id == identityId.ToString());
        paired.TenantId.ShouldBe(tenant.Id);
        paired.Status.ShouldBe("USED");
        // A later change of the same tenant arrives after it: the wrong code, earlier, announced nothing.
        var marker = Guid.NewGuid();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drafts (id, tenant_id, action_type, expires_at) VALUES ($1, $2, 'CREATE_TICKET', now() + interval '5 minutes')", marker, tenant.Id);
        await listener.WaitForAsync(c => c.Id == marker.ToString());
        listener.Received.Count(c => c.Entity == OpsCopilot.Data.Pairing.PairingAnnouncements.Entity && c.TenantId == tenant.Id).ShouldBe(1);
    }

    [Fact]
    public void Payloads_that_are_not_the_triggers_are_ignored()
    {
        OpsChange.Parse("""{"tenant_id":3,"entity":"ticket","id":17,"status":"OPEN"}""").ShouldBe(new OpsChange(3, "ticket", "17", "OPEN"));
        OpsChange.Parse("not json").ShouldBeNull();
        OpsChange.Parse("""{"entity":"draft","id":"x"}""").ShouldBeNull();
        OpsChange.Parse("[]").ShouldBeNull();
        OpsChange.Resync.AppliesTo(42).ShouldBeTrue();
        new OpsChange(1, "draft", "x", null).AppliesTo(2).ShouldBeFalse();
    }

    [Fact]
    public void Reconnect_delays_grow_to_the_maximum()
    {
        ChangeFeedListener.ReconnectDelay(1, 30).TotalSeconds.ShouldBeInRange(0.5, 0.61);
        ChangeFeedListener.ReconnectDelay(3, 30).TotalSeconds.ShouldBeInRange(2, 2.41);
        ChangeFeedListener.ReconnectDelay(50, 30).TotalSeconds.ShouldBeInRange(30, 36.01);
    }

    /// <summary>A service provider of its own (like another host instance) running only the listener.</summary>
    private sealed class StandaloneListener : IAsyncDisposable
    {
        private readonly ServiceProvider services;
        private readonly IHostedService listener;

        private StandaloneListener(ServiceProvider services)
        {
            this.services = services;
            Feed = services.GetRequiredService<OpsChangeFeed>();
            Feed.Changed += change => Received.Enqueue(change);
            listener = services.GetServices<IHostedService>().OfType<ChangeFeedListener>().Single();
        }

        public OpsChangeFeed Feed { get; }
        public ConcurrentQueue<OpsChange> Received { get; } = new();

        public static async Task<StandaloneListener> StartAsync(TestDatabase database)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = database.AppConnectionString,
            }).Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System)
                .AddOpsData(configuration).AddChangeFeed().BuildServiceProvider();
            var standalone = new StandaloneListener(services);
            await standalone.listener.StartAsync(CancellationToken.None);
            await standalone.WaitForAsync(c => c.IsResync);
            return standalone;
        }

        public async Task<OpsChange> WaitForAsync(Func<OpsChange, bool> wanted)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (Received.FirstOrDefault(wanted) is { } change) return change;
                await Task.Delay(25);
            }
            throw new TimeoutException($"No such change within {Patience}; received: {string.Join(", ", Received)}");
        }

        public async ValueTask DisposeAsync()
        {
            await listener.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }
}
