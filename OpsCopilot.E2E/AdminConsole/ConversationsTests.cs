using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

[Collection(ConsoleCollection.Name)]
public sealed class ConversationsTests(ConsoleFixture fixture)
{
    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_thread_from_the_webhook_shows_its_messages_its_state_is_reset_and_a_message_id_is_unblocked()
    {
        // The dispatcher's phone is paired; its messages arrive through the real signed webhook.
        var phone = UniqueData.Phone("43699");
        var masked = "+" + phone[..3] + new string('*', phone.Length - 5) + phone[^2..];
        await Host.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) SELECT 1, id, $1 FROM auth.users WHERE email = $2", phone, RunningHost.DispatcherEmail);
        using var gateway = new SignedWebhook(Host.BaseUrl, RunningHost.WebhookSecret);
        var firstId = "wamid.e2e-" + Guid.NewGuid().ToString("N");
        var first = await gateway.SendAsync(phone, "Hilfe", firstId);
        first["status"]!.GetValue<string>().ShouldBe("processed");
        var threadId = Guid.Parse(first["thread_id"]!.GetValue<string>());
        var second = await gateway.SendAsync(phone, "Status Ticket #4711", "wamid.e2e-" + Guid.NewGuid().ToString("N"));
        var lastReply = second["reply"]!.GetValue<string>();
        await Host.Database.ExecuteAsync("UPDATE ops.threads SET state = '{\"step\": \"awaiting_confirm\"}' WHERE id = $1", threadId);

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Conversations", "conversations");
        var conversations = new ConversationsPage(session.Page);
        // The sender masked, with the paired user's name beside it.
        await Assertions.Expect(conversations.Thread(threadId).GetByTestId("thread-sender")).ToContainTextAsync(masked);
        await Assertions.Expect(conversations.Thread(threadId).GetByTestId("thread-sender")).ToContainTextAsync(RunningHost.DispatcherName);
        await Assertions.Expect(conversations.Thread(threadId).GetByTestId("thread-user")).ToContainTextAsync(RunningHost.DispatcherEmail);
        await Assertions.Expect(conversations.Thread(threadId).GetByTestId("thread-user")).ToBeVisibleAsync();
        await Assertions.Expect(conversations.Thread(threadId).GetByTestId("thread-state-flag")).ToHaveTextAsync("set");

        // Newest last: in, out, in, out — the inbound message ids are the ones Unblock takes.
        await conversations.SelectAsync(threadId);
        await Assertions.Expect(conversations.Messages).ToHaveCountAsync(4);
        (await conversations.Messages.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.direction)")).ShouldBe(["in", "out", "in", "out"]);
        await Assertions.Expect(conversations.Messages.Nth(0).GetByTestId("thread-message-text")).ToHaveTextAsync("Hilfe");
        await Assertions.Expect(conversations.Messages.Nth(0).GetByTestId("thread-message-id")).ToHaveTextAsync(firstId);
        await Assertions.Expect(conversations.Messages.Nth(2).GetByTestId("thread-message-text")).ToHaveTextAsync("Status Ticket #4711");
        await Assertions.Expect(conversations.Messages.Nth(3).GetByTestId("thread-message-text")).ToHaveTextAsync(lastReply);
        await Assertions.Expect(conversations.State).ToContainTextAsync("awaiting_confirm");
        (await session.Page.ContentAsync()).ShouldNotContain(phone);
        await ConsoleFixture.ScreenshotAsync(session.Page, "conversations-thread");

        await conversations.ResetAsync();
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Chat state reset")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, new ActionDialog(session.Page).Snackbar("Chat state reset"));
        await Assertions.Expect(conversations.State).ToHaveTextAsync("empty");
        (await Host.Database.ScalarAsync<string>("SELECT state::text FROM ops.threads WHERE id = $1", threadId)).ShouldBe("{}");
        (await Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'THREAD_RESET' AND thread_id = $1 AND payload->'previous_state'->>'step' = 'awaiting_confirm' " +
            "AND payload->>'by' IS NOT NULL", threadId)).ShouldBe(1L);

        // The form says precisely what is wrong before anything is asked or deleted.
        await conversations.SubmitUnblockAsync("   ");
        await Assertions.Expect(conversations.UnblockForm).ToContainTextAsync("Enter the message id to unblock.");
        await conversations.SubmitUnblockAsync(new string('x', 300));
        await Assertions.Expect(conversations.UnblockForm).ToContainTextAsync("A message id has at most 256 characters; this one has 300.");
        await Assertions.Expect(new ActionDialog(session.Page).Consequence).ToHaveCountAsync(0);

        var unknown = "wamid.never-" + Guid.NewGuid().ToString("N");
        await conversations.UnblockAsync(unknown);
        await Assertions.Expect(conversations.UnblockNotFound).ToContainTextAsync($"Not found: no processed message '{unknown}'");
        await ConsoleFixture.ScreenshotAsync(session.Page, "conversations-unblock-not-found");

        await conversations.UnblockAsync(firstId);
        await Assertions.Expect(conversations.UnblockDone).ToContainTextAsync($"Unblocked '{firstId}'");
        (await Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", firstId)).ShouldBe(0L);
        (await Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'IDEMPOTENCY_UNBLOCKED' AND payload->>'message_id' = $1 AND payload->>'by' IS NOT NULL",
            firstId)).ShouldBe(1L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "conversations-unblocked");

        // Unblocked means the gateway's next delivery of that id is processed again, not answered as a duplicate.
        (await gateway.SendAsync(phone, "Hilfe", firstId))["status"]!.GetValue<string>().ShouldBe("processed");
        await Assertions.Expect(conversations.Messages).ToHaveCountAsync(6, new() { Timeout = 15_000 });
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_long_conversation_opens_on_its_newest_messages_and_loads_older_ones_on_request()
    {
        var phone = UniqueData.Phone("43699");
        var threadId = await Host.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, last_inbound_at) VALUES (1, $1, now()) RETURNING id", phone);
        // 60 messages a minute apart, "message 1" the oldest: more than one page of the thread.
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.events (tenant_id, thread_id, event_type, payload, created_at)
            SELECT 1, $1, 'MESSAGE_IN', jsonb_build_object('body', 'message ' || g, 'message_id', 'wamid.long-' || g),
                   now() - (61 - g) * interval '1 minute'
            FROM generate_series(1, 60) AS g
            """, threadId);

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.GoToAsync("conversations");
        var conversations = new ConversationsPage(session.Page);
        await conversations.SelectAsync(threadId);
        await Assertions.Expect(conversations.Messages).ToHaveCountAsync(50);
        await Assertions.Expect(conversations.Messages.Last.GetByTestId("thread-message-text")).ToHaveTextAsync("message 60");
        await Assertions.Expect(conversations.Messages.First.GetByTestId("thread-message-text")).ToHaveTextAsync("message 11");

        await conversations.OlderButton.ClickAsync();
        await Assertions.Expect(conversations.Messages).ToHaveCountAsync(60);
        await Assertions.Expect(conversations.Messages.First.GetByTestId("thread-message-text")).ToHaveTextAsync("message 1");
        await Assertions.Expect(conversations.OlderButton).ToHaveCountAsync(0);
        var texts = await conversations.Messages.GetByTestId("thread-message-text").AllInnerTextsAsync();
        texts.ShouldBe(Enumerable.Range(1, 60).Select(n => $"message {n}"), "oldest first, none lost or repeated across the pages");
        await ConsoleFixture.ScreenshotAsync(session.Page, "conversations-older-loaded");
        session.Errors.ShouldBeEmpty();
    }
}
