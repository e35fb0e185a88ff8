using System.Text.Json.Nodes;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Tickets;
using Radzen;

namespace OpsCopilot.Tests.AdminConsole;

public sealed class ComponentMarkupTests
{
    private static readonly Guid DraftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000001");

    private static OpsEvent Event(string type) =>
        new() { EventType = type, Payload = $$"""{"draft_id":"{{DraftId}}"}""", CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero) };

    private static Task<string> EvidenceAsync(DraftEvidence evidence, bool showActions = true) =>
        ComponentMarkup.RenderAsync<DraftEvidencePanel>(new Dictionary<string, object?>
        {
            [nameof(DraftEvidencePanel.Evidence)] = evidence,
            [nameof(DraftEvidencePanel.ShowActions)] = showActions,
        });

    [Fact]
    public async Task A_stuck_draft_with_no_effects_recommends_reset_and_highlights_that_button()
    {
        var html = await EvidenceAsync(new DraftEvidence(DraftId, DraftStatus.Committing, null, 0, [Event(EventTypes.DraftCreated)]));

        html.ShouldContain("data-recommended=\"Reset\"");
        html.ShouldContain("Runbook recommends:</strong> Reset: nothing was executed");
        Button(html, "reset-draft").ShouldContain("data-recommended=\"true\"");
        Button(html, "reset-draft").ShouldContain("rz-primary");
        Button(html, "reset-draft").ShouldContain("Reset to pending (recommended)");
        Button(html, "fail-draft").ShouldContain("data-recommended=\"false\"");
        Button(html, "fail-draft").ShouldContain("rz-light");
        html.ShouldContain("<code>DRAFT_CREATED</code>");
        html.ShouldContain("2026-11-01 08:30:00");
    }

    [Theory]
    [InlineData(12, 0, false, "#12 exists")]
    [InlineData(null, 3, false, "3 queued or sent")]
    [InlineData(null, 0, true, "recorded")]
    public async Task Any_effect_of_the_action_recommends_mark_failed(int? ticket, int notifications, bool commitEvent, string shown)
    {
        List<OpsEvent> events = commitEvent ? [Event(EventTypes.DraftCreated), Event(EventTypes.DraftCommitted)] : [Event(EventTypes.DraftCreated)];
        var evidence = new DraftEvidence(DraftId, DraftStatus.Committing, ticket, notifications, events);

        var html = await EvidenceAsync(evidence);

        DraftEvidencePanel.RecommendedFor(evidence).ShouldBe(StuckDraftOption.MarkFailed);
        html.ShouldContain("data-recommended=\"MarkFailed\"");
        html.ShouldContain(shown);
        html.ShouldContain("ops-evidence-present");
        Button(html, "fail-draft").ShouldContain("Mark failed (recommended)");
        Button(html, "fail-draft").ShouldContain("rz-danger");
        Button(html, "reset-draft").ShouldContain("rz-light");
    }

    [Fact]
    public async Task Without_the_recover_permission_the_evidence_shows_no_buttons()
    {
        var html = await EvidenceAsync(new DraftEvidence(DraftId, DraftStatus.Committing, 4, 0, []), showActions: false);

        html.ShouldContain("#4 exists");
        html.ShouldNotContain("reset-draft");
        html.ShouldNotContain("fail-draft");
    }

    [Theory]
    [InlineData(DraftStatus.PendingConfirm, "rz-badge-warning")]
    [InlineData(DraftStatus.Committing, "rz-badge-info")]
    [InlineData(DraftStatus.Committed, "rz-badge-success")]
    [InlineData(DraftStatus.Failed, "rz-badge-danger")]
    [InlineData(DraftStatus.Cancelled, "rz-badge-light")]
    [InlineData(DraftStatus.Expired, "rz-badge-light")]
    public async Task A_draft_status_badge_shows_the_status_in_its_colour(string status, string cssClass)
    {
        var html = await ComponentMarkup.RenderAsync<DraftStatusBadge>(new Dictionary<string, object?> { ["Status"] = status });

        html.ShouldContain(cssClass);
        html.ShouldContain($">{status}<");
        html.ShouldContain($"data-status=\"{status}\"");
    }

    [Theory]
    [InlineData(TicketStatus.Open, "rz-badge-danger")]
    [InlineData(TicketStatus.InProgress, "rz-badge-warning")]
    [InlineData(TicketStatus.Resolved, "rz-badge-success")]
    [InlineData(TicketStatus.Closed, "rz-badge-light")]
    public async Task A_ticket_status_badge_shows_the_status_in_its_colour(string status, string cssClass)
    {
        var html = await ComponentMarkup.RenderAsync<TicketStatusBadge>(new Dictionary<string, object?> { ["Status"] = status });

        html.ShouldContain(cssClass);
        html.ShouldContain($">{status}<");
    }

    private static Draft PendingDraft(DateTimeOffset now, TimeSpan left) => new()
    {
        Id = DraftId, ActionType = DraftActionType.CreateTicket, Preview = DraftTexts.TicketPreview("Bremsenproblem LKW W-1234"),
        CreatedAt = now.AddMinutes(-2), ExpiresAt = now + left,
    };

    private static Task<string> PendingCardAsync(Draft draft, DateTimeOffset now, bool canConfirm) =>
        ComponentMarkup.RenderAsync<PendingDraftCard>(new Dictionary<string, object?>
        {
            ["Draft"] = draft, ["Now"] = now, ["Time"] = new TenantTime(null!), ["CanConfirm"] = canConfirm,
        });

    [Fact]
    public async Task A_pending_draft_card_asks_the_question_and_counts_down_to_its_expiry()
    {
        var now = DateTimeOffset.UtcNow;
        var html = await PendingCardAsync(PendingDraft(now, TimeSpan.FromSeconds(192)), now, canConfirm: true);

        html.ShouldContain("Create ticket: &#x27;Bremsenproblem LKW W-1234&#x27;?");
        html.ShouldNotContain("Reply CONFIRM or CANCEL");
        html.ShouldContain("expires in 3:12");
        html.ShouldContain("created 2 min ago");
        html.ShouldContain("confirm-draft");
        html.ShouldContain("cancel-draft");
    }

    [Fact]
    public async Task A_pending_draft_card_warns_in_its_last_minute_and_offers_nothing_once_expired()
    {
        var now = DateTimeOffset.UtcNow;
        (await PendingCardAsync(PendingDraft(now, TimeSpan.FromSeconds(42)), now, canConfirm: true)).ShouldContain("ops-expiry-soon");

        var expired = await PendingCardAsync(PendingDraft(now, TimeSpan.FromSeconds(-1)), now, canConfirm: true);
        expired.ShouldContain(">expired<");
        expired.ShouldNotContain("confirm-draft");

        var viewer = await PendingCardAsync(PendingDraft(now, TimeSpan.FromMinutes(4)), now, canConfirm: false);
        viewer.ShouldNotContain("confirm-draft");
        viewer.ShouldContain("draft-details");
    }

    [Fact]
    public void Countdowns_and_ages_read_naturally()
    {
        Durations.Countdown(TimeSpan.FromSeconds(299.2)).ShouldBe("5:00");
        Durations.Countdown(TimeSpan.FromSeconds(61)).ShouldBe("1:01");
        Durations.Countdown(TimeSpan.FromSeconds(9)).ShouldBe("0:09");
        Durations.Countdown(TimeSpan.FromMinutes(75)).ShouldBe("1:15:00");
        Durations.Countdown(TimeSpan.FromSeconds(-3)).ShouldBe("0:00");
        var now = DateTimeOffset.UtcNow;
        Durations.Ago(now.AddSeconds(-10), now).ShouldBe("just now");
        Durations.Ago(now.AddMinutes(-7), now).ShouldBe("7 min ago");
        Durations.Ago(now.AddHours(-5), now).ShouldBe("5 h ago");
        Durations.Ago(now.AddDays(-3), now).ShouldBe("3 days ago");
    }

    [Fact]
    public void A_decision_is_told_the_way_the_operator_needs_it()
    {
        var committed = new DraftDecision(DraftId, DraftStatus.Committed, JsonNode.Parse("""{"reply":"Ticket #7 created"}"""), null);
        DraftDecisionMessage.From(committed, wantedConfirm: true).ShouldBe(new DraftDecisionMessage(NotificationSeverity.Success, "Draft executed", "Ticket #7 created"));
        DraftDecisionMessage.From(committed, wantedConfirm: false).Summary.ShouldBe("Already executed");

        var failed = DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.PendingConfirm, null, "No approved template"), wantedConfirm: true);
        failed.Severity.ShouldBe(NotificationSeverity.Error);
        failed.Detail.ShouldBe("No approved template The draft is still pending; you can try again.");

        DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.Expired, null, null), wantedConfirm: true).Summary.ShouldBe("Draft expired");
        DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.Cancelled, null, null), wantedConfirm: false).Summary.ShouldBe("Draft cancelled");
    }

    [Fact]
    public void Previews_read_as_questions_and_json_is_indented()
    {
        DraftDisplay.Question(DraftTexts.BroadcastPreview("shift_reminder", 1)).ShouldBe("Send template shift_reminder to 1 driver?");
        DraftDisplay.Question("Something else").ShouldBe("Something else");
        DraftDisplay.Indented("""{"title":"x"}""").ShouldBe("{\n  \"title\": \"x\"\n}");
        DraftDisplay.Indented("not json").ShouldBe("not json");
    }

    /// <summary>The opening tag … text of the button with this test id.</summary>
    private static string Button(string html, string testId)
    {
        var marker = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        marker.ShouldBeGreaterThan(0, $"no {testId} in {html}");
        var start = html.LastIndexOf("<button", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</button>", marker, StringComparison.Ordinal);
        return html[start..end];
    }
}
