using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Tests.OpsCore;

/// <summary>Exactly once under races: the database's conditional UPDATE decides, across requests and host instances.</summary>
public sealed class ConfirmRaceTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task Fifty_parallel_confirms_on_two_host_instances_commit_once_and_all_answer_alike()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var first = await factory.SignedInClientAsync(admin.Email!, password);
        await using var secondHost = new SecondHost(factory);
        var second = await secondHost.SignedInClientAsync(admin.Email!, password);
        var draft = await (await first.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Bremsenproblem LKW W-1234", vehicle_plate = "W-1234" })).ShouldSucceedAsync();
        var id = draft["id"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var client = i % 2 == 0 ? first : second;
            var response = await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true });
            return (response.StatusCode, Body: await response.ReadNodeAsync());
        }));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        responses.Select(r => r.Body["status"]!.GetValue<string>()).ShouldAllBe(s => s == "COMMITTED");
        responses.Select(r => r.Body["commit_result"]!["ticket_number"]!.GetValue<int>()).Distinct().ShouldHaveSingleItem().ShouldBe(1);
        responses.ShouldAllBe(r => JsonNode.DeepEquals(r.Body, responses[0].Body));
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE draft_id = $1::uuid", id)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'DRAFT_COMMITTED' AND payload->>'draft_id' = $1", id)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE tenant_id = $1", tenant.Id)).ShouldBe(1L);
    }

    /// <summary>
    /// In one host, confirms of one draft that overlap share one claim (DraftDecisions): the first claim is held on the
    /// draft's row lock while fifty more arrive, and the database sees exactly one claim statement, not fifty queued.
    /// </summary>
    [Fact]
    public async Task Overlapping_confirms_of_one_draft_in_one_host_make_one_claim_and_all_answer_alike()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Bremsenproblem LKW W-1234" })).ShouldSucceedAsync();
        var id = Guid.Parse(draft["id"]!.GetValue<string>());
        var decisions = factory.Services.GetRequiredService<DraftDecisions>();

        await using var holder = await factory.Database.OpenOwnerAsync();
        await using var rowLock = await holder.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT 1 FROM ops.drafts WHERE id = $1 FOR UPDATE", holder, rowLock))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = id });
            await select.ExecuteScalarAsync();
        }

        using var commands = new NpgsqlCommandRecorder();
        var first = decisions.DecideAsync(tenant.Id, id, confirm: true, admin.Id, CancellationToken.None);
        await factory.Database.WaitUntilBlockedByAsync(holder.ProcessID);
        var joined = Enumerable.Range(0, 50).Select(_ => decisions.DecideAsync(tenant.Id, id, confirm: true, admin.Id, CancellationToken.None)).ToList();
        await rowLock.RollbackAsync();
        var answers = await Task.WhenAll(joined.Prepend(first));

        answers.ShouldAllBe(a => a.Status == "COMMITTED");
        answers.Select(a => a.CommitResult!.ToJsonString()).Distinct().ShouldHaveSingleItem();
        answers.Count(a => a.DecidedNow).ShouldBe(1);
        answers[0].DecidedNow.ShouldBeTrue();
        commands.Texts.Count(t => t.StartsWith("UPDATE ops.drafts SET status = CASE", StringComparison.Ordinal)).ShouldBe(1);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE draft_id = $1", id)).ShouldBe(1L);
    }

    [Fact]
    public async Task Confirm_racing_cancel_has_exactly_one_winner_and_consistent_answers()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);

        for (var round = 0; round < 10; round++)
        {
            var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = $"Race {round}" })).ShouldSucceedAsync();
            var id = draft["id"]!.GetValue<string>();
            var confirm = client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true });
            var cancel = client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = false });
            var (confirmed, cancelled) = (await confirm, await cancel);

            var final = await factory.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1::uuid", id);
            var tickets = await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE draft_id = $1::uuid", id);
            if (final == "COMMITTED")
            {
                confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await cancelled.ShouldBeProblemAsync(409))["draft_status"]!.GetValue<string>().ShouldBe("COMMITTED");
                tickets.ShouldBe(1L);
            }
            else
            {
                final.ShouldBe("CANCELLED");
                cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await confirmed.ShouldBeProblemAsync(409))["draft_status"]!.GetValue<string>().ShouldBe("CANCELLED");
                tickets.ShouldBe(0L);
            }
        }
    }

    [Fact]
    public async Task Ticket_numbers_stay_unique_and_gapless_per_tenant_under_parallel_commits()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
            ids.Add((await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = $"Ticket {i}" })).ShouldSucceedAsync())["id"]!.GetValue<string>());

        await Task.WhenAll(ids.Select(id => client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })));

        var numbers = await factory.Database.ScalarAsync<string>("SELECT string_agg(ticket_number::text, ',' ORDER BY ticket_number) FROM ops.tickets WHERE tenant_id = $1", tenant.Id);
        numbers.ShouldBe(string.Join(',', Enumerable.Range(1, 12)));
    }
}
