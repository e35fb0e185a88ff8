using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Search;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.AdminConsole;

/// <summary>
/// The console's free-text search (plate, phone, name, text) on Tickets, Conversations and Audit, through the host's
/// runtime services (ops_app, row-level security) on a real database: what each search finds, and that another
/// tenant's matching rows never appear.
/// </summary>
public sealed class ConsoleSearchTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<T> InTenantAsync<TService, T>(int tenantId, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A tenant whose dispatcher "Lena Wagner" writes from a paired phone, and whose admin works in the console.</summary>
    private async Task<World> WorldAsync(string phone)
    {
        var (tenant, admin, adminPassword) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, dispatcherPassword) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Lena Wagner' WHERE id = $1", dispatcher.Id);
        var identityId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3) RETURNING id", tenant.Id, dispatcher.Id, phone);
        var threadId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, identity_id, last_inbound_at) VALUES ($1, $2, $3, now()) RETURNING id", tenant.Id, phone, identityId);
        return new World(tenant.Id, admin.Id, dispatcher.Id, threadId,
            await factory.SignedInClientAsync(admin.Email!, adminPassword), await factory.SignedInClientAsync(dispatcher.Email!, dispatcherPassword));
    }

    private sealed record World(int TenantId, Guid AdminId, Guid DispatcherId, Guid ThreadId, HttpClient Admin, HttpClient Dispatcher);

    private async Task<int> TicketAsync(World world, HttpClient asker, string title, string? description = null, string? plate = null, Guid? fromThread = null)
    {
        var draftId = Guid.Parse((await (await asker.PostJsonAsync("/api/v1/ops/drafts/ticket",
            new { title, description, vehicle_plate = plate })).ShouldSucceedAsync())["id"]!.GetValue<string>());
        if (fromThread is { } thread) await factory.Database.ExecuteAsync("UPDATE ops.drafts SET thread_id = $1 WHERE id = $2", thread, draftId);
        await (await world.Admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        return await factory.Database.ScalarAsync<int>("SELECT ticket_number FROM ops.tickets WHERE draft_id = $1", draftId);
    }

    [Fact]
    public async Task Tickets_are_found_by_number_title_description_plate_and_by_the_name_or_phone_of_who_asked()
    {
        var world = await WorldAsync("436645550001");
        var other = await WorldAsync("436645550002");
        var fromPhone = await TicketAsync(world, world.Dispatcher, "Kühlung defekt", "Aggregat läuft nicht an", "W-3310", world.ThreadId);
        var fromConsole = await TicketAsync(world, world.Admin, "Reifenpanne", plate: "WN-482AB");
        await TicketAsync(other, other.Dispatcher, "Kühlung defekt", "Aggregat läuft nicht an", "W-3310", other.ThreadId);

        async Task<int[]> NumbersAsync(string? search) =>
            (await InTenantAsync<TicketService, Page<TicketListItem>>(world.TenantId, t => t.SearchAsync(null, search, 1, 25, CancellationToken.None)))
            .Items.Select(i => i.Ticket.TicketNumber).ToArray();

        (await NumbersAsync(null)).ShouldBe([fromConsole, fromPhone]);
        (await NumbersAsync("kühlung")).ShouldBe([fromPhone], "title, and only this tenant's");
        (await NumbersAsync("aggregat")).ShouldBe([fromPhone], "description");
        (await NumbersAsync("w-3310")).ShouldBe([fromPhone], "plate");
        (await NumbersAsync($"#{fromConsole}")).ShouldBe([fromConsole], "number");
        (await NumbersAsync("lena")).ShouldBe([fromPhone], "the dispatcher's name");
        (await NumbersAsync("+43 664 5550001")).ShouldBe([fromPhone], "the phone it came from, written as people write it");
        (await NumbersAsync("00436645550001")).ShouldBe([fromPhone]);
        (await NumbersAsync("+43 664 5550002")).ShouldBeEmpty("another tenant's phone names nobody here");
        (await Should.ThrowAsync<OpsException>(() => NumbersAsync(new string('x', 201)))).Field.ShouldBe("search");
    }

    private Task MessageAsync(int tenantId, Guid threadId, string type, string text, int minutesAgo) =>
        factory.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
            VALUES ($1, $2, $3, jsonb_build_object(CASE WHEN $3 = 'MESSAGE_IN' THEN 'body' ELSE 'reply' END, $4::text), now() - $5 * interval '1 minute')
            """, tenantId, threadId, type, text, minutesAgo);

    [Fact]
    public async Task Conversations_are_found_by_the_senders_name_or_phone_and_by_the_text_of_their_messages()
    {
        var world = await WorldAsync("436645560001");
        var other = await WorldAsync("436645560002");
        await factory.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Jürgen Müller', '436645560003')", world.TenantId);
        var driverThread = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at) VALUES ($1, '436645560003', now() - interval '1 hour') RETURNING id", world.TenantId);
        await MessageAsync(world.TenantId, world.ThreadId, "MESSAGE_IN", "LKW W-7711 hat Bremsenproblem", 5);
        await MessageAsync(world.TenantId, driverThread, "MESSAGE_OUT", "Schichtbeginn morgen 06:00", 50);
        await MessageAsync(other.TenantId, other.ThreadId, "MESSAGE_IN", "LKW W-7711 hat Bremsenproblem", 5);

        async Task<Guid[]> ThreadsAsync(string? search) =>
            (await InTenantAsync<ConversationAdministration, Page<ThreadSummary>>(world.TenantId, c => c.ListThreadsAsync(search, 1, 25, CancellationToken.None)))
            .Items.Select(t => t.Id).ToArray();

        (await ThreadsAsync(null)).ShouldBe([world.ThreadId, driverThread]);
        (await ThreadsAsync("müller")).ShouldBe([driverThread], "the driver with that number");
        (await ThreadsAsync("Lena")).ShouldBe([world.ThreadId], "the paired user");
        (await ThreadsAsync("+43 664 5560003")).ShouldBe([driverThread]);
        (await ThreadsAsync("bremsenproblem")).ShouldBe([world.ThreadId], "an inbound message's text, this tenant's only");
        (await ThreadsAsync("schichtbeginn")).ShouldBe([driverThread], "a reply's text");
        (await ThreadsAsync("w-7711")).ShouldBe([world.ThreadId], "a plate in a message");
        (await ThreadsAsync("nirgends")).ShouldBeEmpty();
        var page = await InTenantAsync<ConversationAdministration, Page<ThreadSummary>>(world.TenantId, c => c.ListThreadsAsync("müller", 1, 25, CancellationToken.None));
        (page.Total, page.Items.Single().DriverName).ShouldBe((1, "Jürgen Müller"));
    }

    [Fact]
    public async Task Audit_events_are_found_by_text_plate_the_name_of_who_did_it_and_a_phone_with_the_other_filters_applied()
    {
        var world = await WorldAsync("436645570001");
        var other = await WorldAsync("436645570002");
        await MessageAsync(world.TenantId, world.ThreadId, "MESSAGE_IN", "LKW W-8822 hat Bremsenproblem", 120);
        await MessageAsync(world.TenantId, world.ThreadId, "MESSAGE_OUT", "Ticket anlegen? Reply CONFIRM or CANCEL", 119);
        await MessageAsync(other.TenantId, other.ThreadId, "MESSAGE_IN", "LKW W-8822 hat Bremsenproblem", 120);
        var ticket = await TicketAsync(world, world.Admin, "Spiegel kaputt", plate: "W-8822");
        await (await world.Admin.PostJsonAsync($"/api/v1/ops/tickets/{ticket}/status", new { status = "IN_PROGRESS" })).ShouldSucceedAsync();
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Anna Berger' WHERE id = $1", world.AdminId);

        async Task<string[]> TypesAsync(AuditFilter filter) =>
            (await InTenantAsync<AuditQueries, AuditEventPage>(world.TenantId, a => a.PageAsync(filter, 0, 100, CancellationToken.None)))
            .Items.Select(e => e.EventType).ToArray();

        (await TypesAsync(new AuditFilter(Search: "bremsenproblem"))).ShouldBe(["MESSAGE_IN"], "the text, this tenant's only");
        (await TypesAsync(new AuditFilter(Search: "Spiegel"))).ShouldBe(["TICKET_CREATED", "DRAFT_CREATED"]);
        // Who moved the ticket is named by id in the event; searching the name finds it.
        (await TypesAsync(new AuditFilter(Search: "anna berger"))).ShouldContain("TICKET_STATUS_CHANGED");
        (await TypesAsync(new AuditFilter(Search: "anna berger"))).ShouldNotContain("MESSAGE_IN");
        // A phone finds its conversation's events (their payloads hold no number).
        (await TypesAsync(new AuditFilter(Search: "+43 664 5570001"))).ShouldBe(["MESSAGE_OUT", "MESSAGE_IN"]);
        (await TypesAsync(new AuditFilter(Search: "Lena"))).ShouldBe(["MESSAGE_OUT", "MESSAGE_IN"], "the paired user's conversation");
        (await TypesAsync(new AuditFilter(Search: $"#{ticket}"))).ShouldContain("TICKET_STATUS_CHANGED");
        // The other filters narrow a search.
        (await TypesAsync(new AuditFilter(EventType: "MESSAGE_IN", Search: "+43 664 5570001"))).ShouldBe(["MESSAGE_IN"]);
        var now = DateTimeOffset.UtcNow;
        (await TypesAsync(new AuditFilter(Search: "W-8822"))).ShouldBe(["TICKET_CREATED", "MESSAGE_IN"], "the plate in a message and on the ticket");
        (await TypesAsync(new AuditFilter(From: now.AddMinutes(-60), Search: "W-8822"))).ShouldBe(["TICKET_CREATED"]);
        (await TypesAsync(new AuditFilter(To: now.AddMinutes(-60), Search: "W-8822"))).ShouldBe(["MESSAGE_IN"]);
        (await TypesAsync(new AuditFilter(ThreadId: world.ThreadId, Search: "confirm"))).ShouldBe(["MESSAGE_OUT"]);
        (await TypesAsync(new AuditFilter(Search: "nirgends"))).ShouldBeEmpty();

        var paged = await InTenantAsync<AuditQueries, AuditEventPage>(world.TenantId, a => a.PageAsync(new AuditFilter(Search: "W-8822"), 1, 1, CancellationToken.None));
        (paged.Count, paged.CountCapped, paged.Items.Single().EventType).ShouldBe((2, false, "MESSAGE_IN"), "the second newest of two");
    }

    [Fact]
    public void Search_text_reads_phone_numbers_and_ticket_numbers_and_refuses_overlong_text()
    {
        SearchText.Parse(null).ShouldBeNull();
        SearchText.Parse("   ").ShouldBeNull();
        var phone = SearchText.Parse(" +43 664 1234567 ")!;
        (phone.Text, phone.Phone, phone.TicketNumber).ShouldBe(("+43 664 1234567", "436641234567", (int?)null));
        SearchText.Parse("#12")!.TicketNumber.ShouldBe(12);
        SearchText.Parse("12")!.Phone.ShouldBeNull("too short to be a number");
        SearchText.Parse("100%_")!.Pattern.ShouldBe(@"%100\%\_%");
        Should.Throw<OpsException>(() => SearchText.Parse(new string('a', 201))).Field.ShouldBe("search");
    }
}
