using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Conversations;
using OpsCopilot.Web.Features.Notifications;

namespace OpsCopilot.Tests.Console;

public sealed class OutboxAndConversationMarkupTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Vienna = TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna");

    private static Notification Row(string status, int retryCount = 0, Guid? draftId = null, string? error = null) => new()
    {
        Id = Guid.Parse("0192f3a4-0000-7000-8000-0000000000aa"),
        TenantId = 1,
        DraftId = draftId,
        RecipientPhone = "436641234567",
        Kind = NotificationKind.Template,
        TemplateName = "shift_reminder",
        TemplateParams = """{"driver_name":"Max"}""",
        Language = "de",
        Status = status,
        RetryCount = retryCount,
        NextAttemptAt = At.AddMinutes(5),
        LastError = error,
        CreatedAt = At,
        UpdatedAt = At,
    };

    private static Task<string> DetailAsync(Notification row, bool canViewDrafts = true) =>
        ComponentMarkup.RenderAsync<NotificationDetail>(new Dictionary<string, object?>
        {
            [nameof(NotificationDetail.Notification)] = row,
            [nameof(NotificationDetail.MaxAttempts)] = 5,
            [nameof(NotificationDetail.Zone)] = Vienna,
            [nameof(NotificationDetail.CanViewDrafts)] = canViewDrafts,
        });

    [Fact]
    public async Task The_status_counts_show_every_status_in_order_with_zeros_a_total_and_failed_and_dead_highlighted()
    {
        var html = await ComponentMarkup.RenderAsync<NotificationStatusCounts>(new Dictionary<string, object?>
        {
            [nameof(NotificationStatusCounts.Counts)] = new Dictionary<string, int> { ["sent"] = 7, ["failed"] = 2, ["dead"] = 0, ["queued"] = 1 },
            [nameof(NotificationStatusCounts.Selected)] = "failed",
        });

        var statuses = System.Text.RegularExpressions.Regex.Matches(html, "data-status=\"([a-z]+)\"").Select(m => m.Groups[1].Value).ToList();
        statuses.ShouldBe(new[] { "all" }.Concat(NotificationStatus.All));
        Button(html, "all").ShouldContain(">10</span>");
        Button(html, "delivered").ShouldContain(">0</span>");
        Button(html, "failed").ShouldContain("ops-status-count-alert");
        Button(html, "failed").ShouldContain("aria-pressed=\"true\"");
        Button(html, "dead").ShouldNotContain("ops-status-count-alert");
        Button(html, "sent").ShouldContain("aria-pressed=\"false\"");
    }

    [Fact]
    public async Task A_failed_rows_detail_shows_its_error_attempts_masked_recipient_template_and_linked_draft()
    {
        var draftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000001");
        var html = await DetailAsync(Row(NotificationStatus.Failed, 2, draftId, "gateway 400: <invalid> parameter"));

        html.ShouldContain("gateway 400: &lt;invalid&gt; parameter");
        html.ShouldContain("2 failed attempts of 5 allowed");
        html.ShouldContain("not scheduled: waits for Retry or Drain");
        html.ShouldContain("436*******67");
        html.ShouldNotContain("436641234567");
        html.ShouldContain("shift_reminder");
        html.ShouldContain($"href=\"drafts/{draftId}\"");
        html.ShouldContain("2026-11-01 09:30:00", customMessage: "times in the tenant's zone (Vienna is UTC+1 in November)");
        html.ShouldContain("none yet (the provider has not accepted it)");
    }

    [Fact]
    public async Task Without_the_drafts_permission_the_draft_id_is_shown_but_not_linked()
    {
        var draftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000002");
        var html = await DetailAsync(Row(NotificationStatus.Dead, 5, draftId), canViewDrafts: false);

        html.ShouldContain($"<code>{draftId}</code>");
        html.ShouldNotContain("href=\"drafts/");
        html.ShouldContain("5 failed attempts (the limit is 5; a retry allows one more)");
        html.ShouldNotContain("notification-last-error");
    }

    [Fact]
    public async Task A_queued_row_shows_when_it_is_due_and_a_sent_one_its_provider_id()
    {
        (await DetailAsync(Row(NotificationStatus.Queued))).ShouldContain("2026-11-01 09:35:00");
        var sent = Row(NotificationStatus.Sent);
        sent.ProviderMessageId = "wamid.provider-1";
        sent.SentAt = At.AddMinutes(1);
        var html = await DetailAsync(sent);
        html.ShouldContain("<code>wamid.provider-1</code>");
        html.ShouldContain("2026-11-01 09:31:00");
        html.ShouldContain("none (a reply in a conversation)");
    }

    [Theory]
    [InlineData(NotificationStatus.Failed, true)]
    [InlineData(NotificationStatus.Dead, true)]
    [InlineData(NotificationStatus.Queued, false)]
    [InlineData(NotificationStatus.Sending, false)]
    [InlineData(NotificationStatus.Sent, false)]
    [InlineData(NotificationStatus.Delivered, false)]
    [InlineData(NotificationStatus.Read, false)]
    public void Only_failed_and_dead_rows_offer_a_retry(string status, bool retryable) =>
        NotificationDisplay.IsRetryable(status).ShouldBe(retryable);

    [Fact]
    public async Task Thread_messages_render_in_the_given_order_with_direction_and_the_ids_unblock_takes()
    {
        List<ThreadMessage> messages =
        [
            new(1, MessageDirection.Inbound, "LKW <W-1234> hat Bremsenproblem", "wamid.in-1", "gateway", At),
            new(2, MessageDirection.Outbound, "Create ticket: 'Bremsenproblem'? Reply CONFIRM or CANCEL", "wamid.in-1", "gateway", At.AddSeconds(1)),
        ];
        var html = await ComponentMarkup.RenderAsync<ThreadMessageList>(new Dictionary<string, object?>
        {
            [nameof(ThreadMessageList.Messages)] = messages,
            [nameof(ThreadMessageList.HasOlder)] = true,
            [nameof(ThreadMessageList.Zone)] = Vienna,
        });

        html.IndexOf("data-event-id=\"1\"", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("data-event-id=\"2\"", StringComparison.Ordinal));
        html.ShouldContain("ops-chat-message ops-chat-in");
        html.ShouldContain("ops-chat-message ops-chat-out");
        html.ShouldContain("LKW &lt;W-1234&gt; hat Bremsenproblem");
        html.ShouldContain("received 2026-11-01 09:30:00");
        html.ShouldContain("<code data-testid=\"thread-message-id\">wamid.in-1</code>");
        html.ShouldContain("Show older messages");
    }

    [Fact]
    public async Task An_empty_thread_says_so_and_offers_no_older_page()
    {
        var html = await ComponentMarkup.RenderAsync<ThreadMessageList>(new Dictionary<string, object?>
        {
            [nameof(ThreadMessageList.Messages)] = new List<ThreadMessage>(),
        });

        html.ShouldContain("No messages are recorded for this thread.");
        html.ShouldNotContain("Show older messages");
    }

    [Fact]
    public void Unblock_outcomes_name_the_id_and_say_not_found_plainly()
    {
        var missing = UnblockMessageForm.Describe("wamid.gone", 0);
        missing.Found.ShouldBeFalse();
        missing.Text.ShouldStartWith("Not found: no processed message 'wamid.gone' is recorded for this tenant.");
        var done = UnblockMessageForm.Describe("wamid.ok", 2);
        done.Found.ShouldBeTrue();
        done.Text.ShouldBe("Unblocked 'wamid.ok' (2 records removed): the gateway's next delivery of it is processed again.");
    }

    [Theory]
    [InlineData("{}", true, "empty")]
    [InlineData("null", true, "empty")]
    [InlineData("{\"step\":\"awaiting_confirm\"}", false, "{\n  \"step\": \"awaiting_confirm\"\n}")]
    public void Chat_state_is_empty_or_indented(string state, bool empty, string shown)
    {
        ConversationDisplay.IsEmptyState(state).ShouldBe(empty);
        ConversationDisplay.State(state).ReplaceLineEndings("\n").ShouldBe(shown);
    }

    [Fact]
    public void A_thread_shows_its_sender_masked_and_who_it_is_paired_to()
    {
        var thread = new ThreadSummary(Guid.NewGuid(), "436641234567", Guid.NewGuid(), "anna@demo.local", "Anna", "{}", At, At);

        ConversationDisplay.Sender(thread).ShouldBe("+436*******67");
        ConversationDisplay.PairedUser(thread).ShouldBe("Anna (anna@demo.local)");
        ConversationDisplay.PairedUser(thread with { UserDisplayName = null }).ShouldBe("anna@demo.local");
        ConversationDisplay.PairedUser(thread with { UserDisplayName = null, UserEmail = null, IdentityId = null }).ShouldBe("not paired");
    }

    /// <summary>The markup of the count button of one status.</summary>
    private static string Button(string html, string status)
    {
        var marker = html.IndexOf($"data-status=\"{status}\"", StringComparison.Ordinal);
        marker.ShouldBeGreaterThan(-1);
        var start = html.LastIndexOf("<button", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</button>", marker, StringComparison.Ordinal);
        return html[start..end];
    }
}
