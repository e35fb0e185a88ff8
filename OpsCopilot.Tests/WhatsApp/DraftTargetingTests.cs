using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// Which draft CONFIRM / CANCEL reach (docs/conversation.md): the pending one most recently put in front of the
/// dispatcher, the next one named when more wait; a draft stuck half-way gets an honest answer, and a draft the office
/// reset is reachable again even when a newer one exists.
/// </summary>
public sealed class DraftTargetingTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task CONFIRM_on_a_draft_stuck_half_way_says_it_is_being_executed_and_touches_nothing()
    {
        var phone = await Phones.PairAsync(factory);
        await SendAsync(phone, "LKW W-1234 hat Bremsenproblem");
        await factory.Database.ExecuteAsync(
            "UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '10 seconds' WHERE tenant_id = $1", phone.TenantId);

        (await SendAsync(phone, "CONFIRM")).ShouldBe(DecisionReplies.BeingExecuted);
        (await SendAsync(phone, "ja")).ShouldBe("Your request is being executed — the office has been told.");

        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE tenant_id = $1", phone.TenantId)).ShouldBe("COMMITTING");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE tenant_id = $1", phone.TenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task After_the_office_resets_a_stuck_draft_the_dispatcher_is_told_and_CONFIRM_reaches_it_though_a_newer_one_exists()
    {
        var phone = await Phones.PairAsync(factory);
        var (adminUser, password) = await factory.AddUserAsync(phone.TenantId, AppRole.TenantAdmin);
        var admin = await factory.SignedInClientAsync(adminUser.Email!, password);
        // The reminders quote the draft's question (its first line), not the detail lines below it.
        var stuckPreview = (await SendAsync(phone, "LKW W-1234 hat Bremsenproblem")).Split('\n')[0];
        var stuck = await factory.Database.ScalarAsync<Guid>("SELECT id FROM ops.drafts WHERE tenant_id = $1", phone.TenantId);
        await factory.Database.ExecuteAsync("UPDATE ops.drafts SET status = 'COMMITTING', updated_at = now() - interval '2 minutes' WHERE id = $1", stuck);

        (await SendAsync(phone, "Motor von L-5567 verliert Öl")).ShouldStartWith("Create ticket:");
        (await SendAsync(phone, "CONFIRM")).ShouldBe("Ticket #1 created");
        (await TitleOfTicketAsync(phone, 1))!.ShouldNotContain("W-1234");

        await (await admin.PostJsonAsync($"/api/v1/ops/drafts/{stuck}/reset", new { })).ShouldSucceedAsync();
        (await factory.Database.ScalarAsync<string>(
                "SELECT body FROM ops.notifications WHERE tenant_id = $1 AND recipient_phone = $2", phone.TenantId, phone.Phone))
            .ShouldBe(DecisionReplies.ResetByOffice(stuckPreview));

        (await SendAsync(phone, "CONFIRM")).ShouldBe("Ticket #2 created");
        (await TitleOfTicketAsync(phone, 2)).ShouldBe("Bremsenproblem LKW W-1234");
    }

    [Fact]
    public async Task With_two_drafts_waiting_CONFIRM_takes_the_newest_and_names_the_next_which_the_next_CONFIRM_takes()
    {
        var phone = await Phones.PairAsync(factory);
        var older = (await SendAsync(phone, "LKW W-1234 hat Bremsenproblem")).Split('\n')[0];
        (await SendAsync(phone, "Motor von L-5567 verliert Öl")).ShouldStartWith("Create ticket:");

        (await SendAsync(phone, "CONFIRM")).ShouldBe("Ticket #1 created\n\n" + DecisionReplies.NextWaiting(1, older));
        (await SendAsync(phone, "CONFIRM")).ShouldBe("Ticket #2 created");
        (await TitleOfTicketAsync(phone, 2)).ShouldBe("Bremsenproblem LKW W-1234");
        (await SendAsync(phone, "CONFIRM")).ShouldBe(ConversationReplies.NothingToConfirm);
    }

    [Fact]
    public async Task A_CONFIRM_whose_commit_failed_rolls_back_and_the_next_CONFIRM_retries_that_draft()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var phone = await PairIntoAsync(tenant.Id);
        (await SendAsync(phone, "Schichterinnerung an Max Mustermann für morgen 06:00")).ShouldStartWith("Send template shift_reminder");
        (await SendAsync(phone, "LKW W-1234 hat Bremsenproblem")).ShouldStartWith("Create ticket:");
        (await SendAsync(phone, "CANCEL")).ShouldStartWith("Draft cancelled.");
        // The template is withdrawn before the broadcast is confirmed: its commit fails and rolls back.
        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET is_approved = false WHERE tenant_id = $1", tenant.Id);
        (await SendAsync(phone, "CONFIRM")).ShouldStartWith("That did not work:");

        await factory.Database.ExecuteAsync("UPDATE ops.broadcast_templates SET is_approved = true WHERE tenant_id = $1", tenant.Id);
        (await SendAsync(phone, "CONFIRM")).ShouldBe("Template shift_reminder queued for 1 driver");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1 AND kind = 'TEMPLATE'", tenant.Id)).ShouldBe(1L);
    }

    private async Task<PairedPhone> PairIntoAsync(int tenantId)
    {
        var (user, _) = await factory.AddUserAsync(tenantId, AppRole.Dispatcher);
        var number = Phones.Next();
        var identityId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3) RETURNING id", tenantId, user.Id, number);
        return new PairedPhone(tenantId, user.Id, identityId, number);
    }

    private async Task<string> SendAsync(PairedPhone phone, string text)
    {
        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(phone.From, text, Gateway.NewMessageId())));
        answer.Text("status").ShouldBe("processed");
        return answer.Text("reply")!;
    }

    private Task<string?> TitleOfTicketAsync(PairedPhone phone, int number) =>
        factory.Database.ScalarAsync<string>("SELECT title FROM ops.tickets WHERE tenant_id = $1 AND ticket_number = $2", phone.TenantId, number);
}
