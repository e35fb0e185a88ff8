using System.Text;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 1: a captured signed delivery replayed within the signature's tolerance is the same delivery,
/// whatever unsigned X-Request-Id it carries (or none), so a replayed CONFIRM cannot commit a newer draft.
/// </summary>
public sealed class ReplayTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_replayed_confirm_with_a_new_or_no_request_id_is_a_duplicate_and_commits_no_newer_draft()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(paired.From, "LKW W-1111 hat Bremsenproblem"), "req-" + Guid.NewGuid()));

        // The dispatcher's CONFIRM as a gateway sends it without a message_id: the attacker captures these bytes.
        var confirm = Encoding.UTF8.GetBytes(Gateway.Body(paired.From, "CONFIRM"));
        var timestamp = Gateway.Now;
        var first = await Gateway.SendAsync(client, Gateway.Signed(confirm, "req-" + Guid.NewGuid(), timestamp));
        first.Text("status").ShouldBe("processed");
        first.Text("reply").ShouldBe("Ticket #1 created");

        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(paired.From, "LKW W-2222 hat Reifenschaden"), "req-" + Guid.NewGuid()));

        var replayedWithNewId = await Gateway.SendAsync(client, Gateway.Signed(confirm, "req-" + Guid.NewGuid(), timestamp));
        var replayedWithoutId = await Gateway.SendAsync(client, Gateway.Signed(confirm, null, timestamp));

        replayedWithNewId.Text("status").ShouldBe("duplicate");
        replayedWithNewId.Text("reply").ShouldBe("Ticket #1 created");
        replayedWithoutId.Text("status").ShouldBe("duplicate");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.tickets WHERE tenant_id = $1", paired.TenantId)).ShouldBe(1L);
        (await factory.Database.ScalarAsync<string>(
            "SELECT status FROM ops.drafts WHERE tenant_id = $1 AND preview LIKE '%W-2222%'", paired.TenantId)).ShouldBe(DraftStatus.PendingConfirm);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'MESSAGE_IN' AND payload->>'body' = 'CONFIRM'", paired.TenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task The_same_words_signed_again_at_another_second_are_a_new_message()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(paired.From, "hilfe"));

        var first = await Gateway.SendAsync(client, Gateway.Signed(body, null, Gateway.Now - 1));
        var second = await Gateway.SendAsync(client, Gateway.Signed(body, null, Gateway.Now));

        first.Text("status").ShouldBe("processed");
        second.Text("status").ShouldBe("processed");
        second.Text("reply").ShouldBe(ConversationReplies.Help);
    }
}
