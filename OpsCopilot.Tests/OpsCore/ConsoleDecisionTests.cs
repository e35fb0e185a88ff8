using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using Xunit.Abstractions;

namespace OpsCopilot.Tests.OpsCore;

/// <summary>
/// A decision made in the console reaches the dispatcher who asked on WhatsApp, through the outbox, in the decision's
/// transaction — exactly once, also when the dispatcher's own CONFIRM crosses it (then one of the two tells the outcome).
/// </summary>
public sealed class ConsoleDecisionTests(OpsWebFactory factory, ITestOutputHelper output) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_console_confirm_tells_the_dispatcher_who_asked_once_and_a_repeat_tells_nothing()
    {
        var (phone, admin, adminEmail) = await DispatcherAndAdminAsync();
        var client = factory.CreateClient();
        await SendAsync(client, phone, "LKW W-1234 hat Bremsenproblem");
        var draftId = await PendingDraftAsync(phone);

        var first = await (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        var again = await (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).ShouldSucceedAsync();

        first.ToJsonString().ShouldBe(again.ToJsonString());
        var expected = DecisionReplies.ConfirmedInConsole("Ticket #1 created", DecisionReplies.ConsoleUser(null, adminEmail));
        expected.ShouldStartWith("Ticket #1 created — confirmed in the console by tenantadmin-");
        expected.ShouldEndWith("@…");
        (await MessagesToAsync(phone)).ShouldBe([expected]);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_OUT' AND payload->>'draft_id' = $1 AND payload->>'reply' = $2", draftId.ToString(), expected))
            .ShouldBe(1L);
    }

    [Fact]
    public async Task A_console_cancel_tells_the_dispatcher_what_was_cancelled_and_by_whom()
    {
        var (phone, admin, adminEmail) = await DispatcherAndAdminAsync();
        await SendAsync(factory.CreateClient(), phone, "LKW W-1234 hat Bremsenproblem");
        var draftId = await PendingDraftAsync(phone);

        (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await MessagesToAsync(phone)).ShouldBe([
            $"Draft cancelled in the console by {DecisionReplies.ConsoleUser(null, adminEmail)}: Create ticket: 'Bremsenproblem LKW W-1234'?"]);
    }

    [Fact]
    public async Task A_console_confirm_whose_action_fails_rolls_back_claim_and_effects_and_records_only_the_error()
    {
        var (tenant, _, _) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var phone = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", tenant.Id, dispatcher.Id, phone);
        var paired = new PairedPhone(tenant.Id, dispatcher.Id, Guid.Empty, phone);
        var (adminUser, password) = await factory.AddUserAsync(tenant.Id, AppRole.TenantAdmin);
        var admin = await factory.SignedInClientAsync(adminUser.Email!, password);
        (await SendAsync(factory.CreateClient(), paired, "Schichterinnerung an Max Mustermann für morgen 06:00")).ShouldStartWith("Send template shift_reminder");
        var draftId = await PendingDraftAsync(paired);
        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET is_approved = false WHERE tenant_id = $1", tenant.Id);

        var refused = await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var answer = await refused.ReadNodeAsync();
        answer["draft_status"]!.GetValue<string>().ShouldBe("PENDING_CONFIRM");
        answer["detail"]!.GetValue<string>().ShouldContain("not approved");
        // The claim went with the effects: not even who confirmed is left behind, and nobody was told anything.
        (await factory.Database.ScalarAsync<Guid?>("SELECT confirmed_by FROM ops.drafts WHERE id = $1", draftId)).ShouldBeNull();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE payload->>'draft_id' = $1 AND event_type IN ('DRAFT_COMMITTED', 'BROADCAST_QUEUED')", draftId.ToString())).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE payload->>'draft_id' = $1 AND event_type = 'DRAFT_COMMIT_ERROR'", draftId.ToString())).ShouldBe(1L);

        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET is_approved = true WHERE tenant_id = $1", tenant.Id);
        (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1 AND kind = 'TEMPLATE'", tenant.Id)).ShouldBe(1L);
        (await MessagesToAsync(paired)).ShouldHaveSingleItem().ShouldStartWith("Template shift_reminder queued for 1 driver — confirmed in the console by ");
    }

    [Fact]
    public async Task A_draft_made_in_the_console_has_no_dispatcher_to_tell()
    {
        var (tenant, adminUser, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var admin = await factory.SignedInClientAsync(adminUser.Email!, password);
        var draft = await (await admin.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Reifenpanne WN-482AB" })).ShouldSucceedAsync();

        (await admin.PostJsonAsync($"/api/v1/ops/drafts/{draft["id"]}/confirm", new { confirmed = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_console_confirm_racing_the_dispatchers_CONFIRM_tells_the_outcome_exactly_once()
    {
        const int dispatchers = 6, rounds = 8;
        var client = factory.CreateClient();
        var wins = new ConcurrentDictionary<string, int>();

        await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(async _ =>
        {
            var (phone, admin, adminEmail) = await DispatcherAndAdminAsync();
            for (var round = 0; round < rounds; round++)
            {
                await SendAsync(client, phone, $"LKW W-{1000 + round} hat Bremsenproblem");
                var draftId = await PendingDraftAsync(phone);

                var console = admin.PostJsonAsync($"/api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true });
                var whatsApp = SendAsync(client, phone, "CONFIRM");
                var (consoleAnswer, reply) = (await (await console).ShouldSucceedAsync(), await whatsApp);

                var ticketNumber = await factory.Database.ScalarAsync<int>("SELECT ticket_number FROM ops.tickets WHERE draft_id = $1", draftId);
                var outcome = DraftTexts.TicketCommitted(ticketNumber);
                consoleAnswer["status"]!.GetValue<string>().ShouldBe("COMMITTED");
                consoleAnswer["commit_result"]!["ticket_number"]!.GetValue<int>().ShouldBe(ticketNumber);

                var toldByOutbox = (await MessagesToAsync(phone)).Count(m => m == DecisionReplies.ConfirmedInConsole(outcome, DecisionReplies.ConsoleUser(null, adminEmail)));
                var toldByReply = reply == outcome ? 1 : 0;
                (toldByOutbox + toldByReply).ShouldBe(1, $"round {round}: reply '{reply}', {toldByOutbox} outbox message(s)");

                // Whoever won the claim told the dispatcher: the console through the outbox, the phone in its reply.
                var decidedBy = await factory.Database.ScalarAsync<Guid>("SELECT confirmed_by FROM ops.drafts WHERE id = $1", draftId);
                if (decidedBy == phone.UserId)
                {
                    toldByReply.ShouldBe(1);
                    wins.AddOrUpdate("whatsapp", 1, (_, n) => n + 1);
                }
                else
                {
                    toldByOutbox.ShouldBe(1);
                    reply.ShouldBeOneOf(DecisionReplies.AlreadyConfirmed, ConversationReplies.NothingToConfirm);
                    wins.AddOrUpdate("console", 1, (_, n) => n + 1);
                }
            }
        }));

        output.WriteLine($"console won {wins.GetValueOrDefault("console")}, WhatsApp won {wins.GetValueOrDefault("whatsapp")} of {dispatchers * rounds}");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets t JOIN ops.drafts d ON d.id = t.draft_id WHERE d.confirmed_by IS NOT NULL"))
            .ShouldBeGreaterThanOrEqualTo((long)dispatchers * rounds);
    }

    /// <summary>A dispatcher's paired phone and a signed-in admin of the same tenant.</summary>
    private async Task<(PairedPhone Phone, HttpClient Admin, string AdminEmail)> DispatcherAndAdminAsync()
    {
        var phone = await Phones.PairAsync(factory);
        var (admin, password) = await factory.AddUserAsync(phone.TenantId, AppRole.TenantAdmin);
        return (phone, await factory.SignedInClientAsync(admin.Email!, password), admin.Email!);
    }

    private static async Task<string> SendAsync(HttpClient client, PairedPhone phone, string text)
    {
        var answer = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, text, Gateway.NewMessageId())));
        answer.Text("status").ShouldBe("processed");
        return answer.Text("reply")!;
    }

    private Task<Guid> PendingDraftAsync(PairedPhone phone) => factory.Database.ScalarAsync<Guid>(
        "SELECT id FROM ops.drafts WHERE tenant_id = $1 AND status = 'PENDING_CONFIRM' ORDER BY created_at DESC LIMIT 1", phone.TenantId);

    private async Task<List<string>> MessagesToAsync(PairedPhone phone)
    {
        var bodies = await factory.Database.ScalarAsync<string>(
            "SELECT coalesce(json_agg(body ORDER BY created_at), '[]')::text FROM ops.notifications WHERE tenant_id = $1 AND recipient_phone = $2 AND kind = 'TEXT'",
            phone.TenantId, phone.Phone);
        return JsonSerializer.Deserialize<List<string>>(bodies!)!;
    }
}
