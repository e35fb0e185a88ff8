using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

public sealed class DraftLifecycleTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<(int TenantId, HttpClient Client, string DraftId)> TicketDraftAsync(string title = "Reifenpanne WN-482AB")
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title })).ShouldSucceedAsync();
        return (tenant.Id, client, draft["id"]!.GetValue<string>());
    }

    private Task<long> EventsAsync(string draftId, string type) =>
        factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = $1 AND payload->>'draft_id' = $2", type, draftId);

    [Fact]
    public async Task Creating_a_draft_records_its_event_and_expiry()
    {
        var (_, client, id) = await TicketDraftAsync();
        var draft = await (await client.GetAsync($"/api/v1/ops/drafts/{id}")).ShouldSucceedAsync();
        draft["status"]!.GetValue<string>().ShouldBe("PENDING_CONFIRM");
        draft["preview"]!.GetValue<string>().ShouldBe("Create ticket: 'Reifenpanne WN-482AB'? Reply CONFIRM or CANCEL");
        var minutes = (draft["expires_at"]!.GetValue<DateTimeOffset>() - draft["created_at"]!.GetValue<DateTimeOffset>()).TotalMinutes;
        minutes.ShouldBe(5, tolerance: 0.1);
        (await EventsAsync(id, "DRAFT_CREATED")).ShouldBe(1L);
    }

    [Fact]
    public async Task An_expired_draft_cannot_be_confirmed_and_says_so()
    {
        var (_, client, id) = await TicketDraftAsync();
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", id);

        var response = await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true });

        (await response.ShouldBeProblemAsync(409))["draft_status"]!.GetValue<string>().ShouldBe("EXPIRED");
        (await EventsAsync(id, "DRAFT_EXPIRED")).ShouldBe(1L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE draft_id = $1::uuid", id)).ShouldBe(0L);
    }

    [Fact]
    public async Task The_sweeper_expires_overdue_drafts_of_its_tenant_with_events()
    {
        var (tenantId, _, id) = await TicketDraftAsync();
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid", id);

        await using (var scope = factory.RuntimeScope(tenantId))
            (await scope.ServiceProvider.GetRequiredService<DraftService>().ExpireDueAsync(CancellationToken.None)).ShouldBe(1);

        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1::uuid", id)).ShouldBe("EXPIRED");
        (await EventsAsync(id, "DRAFT_EXPIRED")).ShouldBe(1L);
    }

    [Fact]
    public async Task A_stuck_draft_is_listed_with_evidence_and_reset_to_pending_then_confirmable()
    {
        var (_, client, id) = await TicketDraftAsync();
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '2 minutes' WHERE id = $1::uuid", id);

        var stuck = await (await client.GetAsync("/api/v1/ops/drafts/stuck")).ShouldSucceedAsync();
        stuck.AsArray().Select(d => d!["id"]!.GetValue<string>()).ShouldContain(id);
        var evidence = await (await client.GetAsync($"/api/v1/ops/drafts/{id}/evidence")).ShouldSucceedAsync();
        evidence["ticket_number"].ShouldBeNull();
        evidence["commit_event_exists"]!.GetValue<bool>().ShouldBeFalse();
        evidence["recommendation"]!.GetValue<string>().ShouldStartWith("Reset");

        var reset = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/reset", new { })).ShouldSucceedAsync();

        reset["status"]!.GetValue<string>().ShouldBe("PENDING_CONFIRM");
        (await factory.Database.ScalarAsync<string>("SELECT commit_error FROM ops.drafts WHERE id = $1::uuid", id)).ShouldBe("Reset from COMMITTING after crash");
        (await EventsAsync(id, "DRAFT_RESET")).ShouldBe(1L);
        var confirmed = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        confirmed["status"]!.GetValue<string>().ShouldBe("COMMITTED");
    }

    [Fact]
    public async Task A_stuck_draft_can_be_marked_failed_with_the_runbook_reason()
    {
        var (_, client, id) = await TicketDraftAsync();
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '2 minutes' WHERE id = $1::uuid", id);

        var failed = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/fail", new { })).ShouldSucceedAsync();

        failed["status"]!.GetValue<string>().ShouldBe("FAILED");
        (await factory.Database.ScalarAsync<string>("SELECT commit_error FROM ops.drafts WHERE id = $1::uuid", id))
            .ShouldBe("Crash during commit - manual verification required");
        (await EventsAsync(id, "DRAFT_FAILED")).ShouldBe(1L);
        (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_commit_in_flight_is_not_stuck_and_cannot_be_reset()
    {
        var (_, client, id) = await TicketDraftAsync();
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() WHERE id = $1::uuid", id);

        var problem = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/reset", new { })).ShouldBeProblemAsync(409);
        problem["detail"]!.GetValue<string>().ShouldContain("not stuck");
        (await EventsAsync(id, "DRAFT_RESET")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_failing_action_rolls_back_and_leaves_the_draft_pending_with_its_error()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using (var owner = factory.Database.CreateOwnerContext())
        {
            owner.Tenant.Use(tenant.Id);
            await OpsCopilot.Data.Demo.ReferenceWorld.SeedAsync(owner, tenant.Id, CancellationToken.None);
        }
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new
        {
            template_key = "route_change", all_drivers = true,
            @params = new Dictionary<string, string> { ["date"] = "01.12.2026", ["route"] = "Linz-Wels" },
        })).ShouldSucceedAsync();
        var id = draft["id"]!.GetValue<string>();
        // The template loses its approval between draft and confirm: the commit must refuse and write nothing.
        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET is_approved = false WHERE tenant_id = $1 AND template_key = 'route_change'", tenant.Id);

        var response = await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true });

        var body = await response.ShouldBeProblemAsync(409);
        body["draft_status"]!.GetValue<string>().ShouldBe("PENDING_CONFIRM");
        body["detail"]!.GetValue<string>().ShouldContain("not approved");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE draft_id = $1::uuid", id)).ShouldBe(0L);
        (await EventsAsync(id, "DRAFT_COMMITTED")).ShouldBe(0L);
        (await EventsAsync(id, "DRAFT_COMMIT_ERROR")).ShouldBe(1L);
    }

    [Fact]
    public async Task Cancel_is_recorded_and_final()
    {
        var (_, client, id) = await TicketDraftAsync();
        (await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = false })).ShouldSucceedAsync())["status"]!
            .GetValue<string>().ShouldBe("CANCELLED");
        (await EventsAsync(id, "DRAFT_CANCELLED")).ShouldBe(1L);
        (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
