using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Dashboard;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>The services behind the console pages, in the host's own scopes (ops_app, row-level security).</summary>
public sealed class ConsoleServicesTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<(int TenantId, HttpClient Client)> TenantAsync()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        return (tenant.Id, await factory.SignedInClientAsync(admin.Email!, password));
    }

    private static async Task<Guid> TicketDraftAsync(HttpClient client, string title) =>
        Guid.Parse((await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title })).ShouldSucceedAsync())["id"]!.GetValue<string>());

    private async Task<T> InTenantAsync<TService, T>(int tenantId, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    [Fact]
    public async Task The_dashboard_counts_what_matters_now_for_its_tenant_only()
    {
        var (tenantId, client) = await TenantAsync();
        var (otherTenant, otherClient) = await TenantAsync();
        await TicketDraftAsync(otherClient, "Not mine");
        var pending = await TicketDraftAsync(client, "Pending one");
        var stuck = await TicketDraftAsync(client, "Stuck one");
        var committed = await TicketDraftAsync(client, "Committed one");
        await client.PostJsonAsync($"/api/v1/ops/drafts/{committed}/confirm", new { confirmed = true });
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '2 minutes' WHERE id = $1", stuck);
        await factory.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, event_type, created_at) VALUES
                ($1, 'MESSAGE_IN', now()), ($1, 'MESSAGE_IN', now() - interval '3 days'), ($2, 'MESSAGE_IN', now())
            """, tenantId, otherTenant);
        await factory.Database.ExecuteAsync("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, body, status) VALUES
                ($1, '436641111111', 'TEXT', 'a', 'failed'), ($1, '436641111112', 'TEXT', 'b', 'dead'), ($1, '436641111113', 'TEXT', 'c', 'sent')
            """, tenantId);

        var counts = await InTenantAsync<DashboardService, DashboardCounts>(tenantId, d => d.CountAsync(CancellationToken.None));
        var latest = await InTenantAsync<DashboardService, IReadOnlyList<OpsCopilot.Data.Audit.OpsEvent>>(tenantId, d => d.LatestEventsAsync(50, CancellationToken.None));

        counts.ShouldBe(new DashboardCounts(PendingDrafts: 1, StuckDrafts: 1, OpenTickets: 1, FailedNotifications: 2, PairedIdentities: 0, MessagesToday: 1));
        latest.ShouldAllBe(e => e.TenantId == tenantId);
        latest.Select(e => e.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        pending.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Today_starts_at_midnight_in_the_tenants_time_zone_and_is_given_in_utc()
    {
        var vienna = TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna");
        // 23:30 UTC on 1 July is already 2 July in Vienna (UTC+2): today began at 22:00 UTC.
        DashboardService.StartOfLocalDay(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero), vienna)
            .ShouldBe(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero));
        DashboardService.StartOfLocalDay(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), vienna).Offset.ShouldBe(TimeSpan.Zero);
        TenantTime.FromLocal(new DateTime(2026, 1, 15, 8, 0, 0), vienna).ShouldBe(new DateTimeOffset(2026, 1, 15, 7, 0, 0, TimeSpan.Zero));
        TenantTime.FromLocal(new DateTime(2026, 1, 15, 8, 0, 0), vienna).Offset.ShouldBe(TimeSpan.Zero);
        TenantTime.Format(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero), vienna).ShouldBe("2026-07-02 00:00:00");
    }

    [Fact]
    public async Task The_stuck_count_and_check_follow_the_recovery_services_rule()
    {
        var (tenantId, client) = await TenantAsync();
        var stuck = await TicketDraftAsync(client, "Long committing");
        var inFlight = await TicketDraftAsync(client, "Just committing");
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '61 seconds' WHERE id = $1", stuck);
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '10 seconds' WHERE id = $1", inFlight);

        await using var scope = factory.RuntimeScope(tenantId);
        var recovery = scope.ServiceProvider.GetRequiredService<DraftRecoveryService>();
        var queries = scope.ServiceProvider.GetRequiredService<DraftQueries>();

        (await recovery.CountStuckAsync(CancellationToken.None)).ShouldBe(1);
        (await recovery.ListStuckAsync(CancellationToken.None)).Select(d => d.Id).ShouldBe([stuck]);
        recovery.IsStuck(await queries.GetAsync(stuck, CancellationToken.None)).ShouldBeTrue();
        recovery.IsStuck(await queries.GetAsync(inFlight, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Ticket_search_matches_number_title_or_plate_and_carries_the_drafts_thread()
    {
        var (tenantId, client) = await TenantAsync();
        var (_, otherClient) = await TenantAsync();
        var threadId = Guid.NewGuid();
        await factory.Database.ExecuteAsync("INSERT INTO ops.threads (id, tenant_id, wa_user_id) VALUES ($1, $2, '436649999999')", threadId, tenantId);
        var fromChat = await TicketDraftAsync(client, "Bremsenproblem LKW W-1234");
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET thread_id = $1 WHERE id = $2", threadId, fromChat);
        await client.PostJsonAsync($"/api/v1/ops/drafts/{fromChat}/confirm", new { confirmed = true });
        await client.PostJsonAsync($"/api/v1/ops/drafts/{await TicketDraftAsync(client, "Reifen 100%_kaputt")}/confirm", new { confirmed = true });
        await otherClient.PostJsonAsync($"/api/v1/ops/drafts/{await TicketDraftAsync(otherClient, "Bremsenproblem anderswo")}/confirm", new { confirmed = true });
        await factory.Database.ExecuteAsync("UPDATE ops.tickets SET vehicle_plate = 'WN-482AB' WHERE draft_id = $1", fromChat);

        Task<Page<TicketListItem>> SearchAsync(string? text, string? status = null) =>
            InTenantAsync<TicketService, Page<TicketListItem>>(tenantId, t => t.SearchAsync(status, text, 1, 25, CancellationToken.None));

        var all = await SearchAsync(null);
        all.Total.ShouldBe(2);
        all.Items.Select(i => i.Ticket.TicketNumber).ShouldBe([2, 1]);
        var brakes = (await SearchAsync("bremsen")).Items.ShouldHaveSingleItem();
        brakes.ThreadId.ShouldBe(threadId);
        brakes.Ticket.DraftId.ShouldBe(fromChat);
        (await SearchAsync("#1")).Items.ShouldHaveSingleItem().Ticket.Title.ShouldBe("Bremsenproblem LKW W-1234");
        (await SearchAsync("482ab")).Items.ShouldHaveSingleItem().Ticket.VehiclePlate.ShouldBe("WN-482AB");
        (await SearchAsync("100%_")).Items.ShouldHaveSingleItem().ThreadId.ShouldBeNull();
        (await SearchAsync("n%k")).Total.ShouldBe(0, "% is a character, not a wildcard");
        (await SearchAsync("0_%")).Total.ShouldBe(0, "_ is a character, not a wildcard");
        (await SearchAsync("bremsen", TicketStatus.Closed)).Total.ShouldBe(0);
        (await Should.ThrowAsync<OpsException>(() => SearchAsync(null, "DONE"))).Field.ShouldBe("status");
    }

    [Fact]
    public async Task Overlapping_console_operations_each_get_their_own_context()
    {
        var (tenantId, client) = await TenantAsync();
        var draftId = await TicketDraftAsync(client, "Parallel reads");
        await using var circuit = factory.RuntimeScope(tenantId);
        var operations = circuit.ServiceProvider.GetRequiredService<TenantOperations>();

        // A timer, the change feed and a click at once: one shared DbContext would throw "a second operation".
        var reads = Enumerable.Range(0, 8).Select(_ => operations.RunAsync<DraftDetailService, DraftDetail>(d => d.GetAsync(draftId, CancellationToken.None)));
        var details = await Task.WhenAll(reads);

        details.ShouldAllBe(d => d.Draft.Id == draftId && d.Evidence.Events.Count == 1 && !d.IsStuck);
        details[0].Card.Requester.Name.ShouldNotBeNull().ShouldEndWith("@example.test", Case.Insensitive);
    }
}
