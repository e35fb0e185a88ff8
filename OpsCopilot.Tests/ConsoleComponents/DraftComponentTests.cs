using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The Drafts page's cards and buttons, rendered with bUnit; the decisions reach the real database.</summary>
public sealed class DraftComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static readonly Guid DraftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000001");

    private static OpsEvent Event(string type) =>
        new() { EventType = type, Payload = $$"""{"draft_id":"{{DraftId}}"}""", CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero) };

    private static IRenderedComponent<DraftEvidencePanel> Evidence(BunitContext context, DraftEvidence evidence, bool showActions = true) =>
        context.Render<DraftEvidencePanel>(p => p
            .Add(c => c.Evidence, evidence).Add(c => c.ShowActions, showActions).Add(c => c.Zone, ConsoleComponentContext.Vienna));

    [Fact]
    public async Task A_stuck_draft_with_no_effects_recommends_reset_and_makes_that_the_filled_button()
    {
        await using var context = ConsoleComponentContext.Create();
        var panel = Evidence(context, new DraftEvidence(DraftId, DraftStatus.Committing, null, 0, [Event(EventTypes.DraftCreated)]));

        panel.Find("[data-testid=evidence]").GetAttribute("data-recommended").ShouldBe("Reset");
        panel.Find("[data-testid=evidence-recommendation]").TextContent.ShouldContain("Reset: nothing was executed");
        var reset = panel.Find("[data-testid=reset-draft]");
        reset.GetAttribute("data-recommended").ShouldBe("true");
        reset.TextContent.ShouldContain("Reset to pending (recommended)");
        reset.ClassList.ShouldContain("mud-button-filled");
        panel.Find("[data-testid=fail-draft]").ClassList.ShouldContain("mud-button-outlined");
        // The event's time in the office's zone (08:30 UTC is 09:30 in Vienna in November), the zone named.
        panel.Find("[data-testid=evidence-events]").TextContent.ShouldContain("DRAFT_CREATED");
        panel.Find("[data-testid=evidence-events]").TextContent.ShouldContain("2026-11-01 09:30:00 Vienna");
    }

    [Theory]
    [InlineData(12, 0, false, "#12 exists")]
    [InlineData(null, 3, false, "3 queued or sent")]
    [InlineData(null, 0, true, "recorded")]
    public async Task Any_effect_of_the_action_recommends_mark_failed(int? ticket, int notifications, bool commitEvent, string shown)
    {
        await using var context = ConsoleComponentContext.Create();
        List<OpsEvent> events = commitEvent ? [Event(EventTypes.DraftCreated), Event(EventTypes.DraftCommitted)] : [Event(EventTypes.DraftCreated)];
        var evidence = new DraftEvidence(DraftId, DraftStatus.Committing, ticket, notifications, events);

        var panel = Evidence(context, evidence);

        DraftEvidencePanel.RecommendedFor(evidence).ShouldBe(StuckDraftOption.MarkFailed);
        panel.Find("[data-testid=evidence]").GetAttribute("data-recommended").ShouldBe("MarkFailed");
        panel.Markup.ShouldContain(shown);
        panel.FindAll(".ops-evidence-present").Count.ShouldBe(1);
        panel.Find("[data-testid=fail-draft]").TextContent.ShouldContain("Mark failed (recommended)");
        panel.Find("[data-testid=fail-draft]").ClassList.ShouldContain("mud-button-filled");
        panel.Find("[data-testid=reset-draft]").ClassList.ShouldContain("mud-button-outlined");
    }

    [Fact]
    public async Task Without_the_recover_permission_the_evidence_shows_no_buttons()
    {
        await using var context = ConsoleComponentContext.Create();
        var panel = Evidence(context, new DraftEvidence(DraftId, DraftStatus.Committing, 4, 0, []), showActions: false);

        panel.Markup.ShouldContain("#4 exists");
        panel.FindAll("[data-testid=reset-draft], [data-testid=fail-draft]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DraftStatus.PendingConfirm, Color.Warning)]
    [InlineData(DraftStatus.Committing, Color.Info)]
    [InlineData(DraftStatus.Committed, Color.Success)]
    [InlineData(DraftStatus.Failed, Color.Error)]
    [InlineData(DraftStatus.Cancelled, Color.Default)]
    [InlineData("IN_PROGRESS", Color.Warning)]
    [InlineData("dead", Color.Error)]
    public async Task A_status_chip_shows_the_whole_status_in_its_colour(string status, Color color)
    {
        await using var context = ConsoleComponentContext.Create();
        var chip = context.Render<StatusChip>(p => p.Add(c => c.Status, status).Add(c => c.TestId, "draft-status"));

        StatusColors.Of(status).ShouldBe(color);
        var element = chip.Find("[data-testid=draft-status]");
        element.GetAttribute("data-status").ShouldBe(status);
        element.TextContent.Trim().ShouldBe(status);
        element.ClassList.ShouldContain("ops-status-chip");
        element.ClassList.ShouldContain($"mud-chip-color-{color.ToString().ToLowerInvariant()}");
    }

    private static DraftCard TicketCard(DateTimeOffset now, TimeSpan left, string? phone = "436641234567") => new(
        new Draft
        {
            Id = DraftId, ActionType = DraftActionType.CreateTicket, Preview = DraftTexts.TicketPreview("Bremsenproblem LKW W-1234"),
            Payload = """{"title":"Bremsenproblem LKW W-1234","description":"LKW W-1234 hat Bremsenproblem","vehicle_plate":"W-1234"}""",
            CreatedAt = now.AddMinutes(-2), ExpiresAt = now + left,
        },
        new DraftRequester("anna@demo.local", phone),
        DraftCard.ContentOf(new Draft
        {
            ActionType = DraftActionType.CreateTicket,
            Payload = """{"title":"Bremsenproblem LKW W-1234","description":"LKW W-1234 hat Bremsenproblem","vehicle_plate":"W-1234"}""",
        }));

    private static IRenderedComponent<PendingDraftCard> Pending(BunitContext context, DraftCard card, DateTimeOffset now, bool canConfirm) =>
        context.Render<PendingDraftCard>(p => p
            .Add(c => c.Card, card).Add(c => c.Now, now).Add(c => c.Time, context.Services.GetRequiredService<TenantTime>()).Add(c => c.CanConfirm, canConfirm));

    [Fact]
    public async Task A_pending_ticket_card_says_who_asked_from_which_phone_what_for_which_vehicle_and_counts_down()
    {
        await using var context = ConsoleComponentContext.Create();
        var now = DateTimeOffset.UtcNow;

        var card = Pending(context, TicketCard(now, TimeSpan.FromSeconds(192)), now, canConfirm: true);

        card.Find("[data-testid=draft-title]").TextContent.ShouldBe("Bremsenproblem LKW W-1234");
        card.Find("[data-testid=draft-plate]").TextContent.ShouldBe("Vehicle W-1234");
        var requester = card.Find("[data-testid=draft-requester]").TextContent;
        requester.ShouldContain("anna@demo.local");
        requester.ShouldContain("+436*******67");
        card.Markup.ShouldNotContain("436641234567");
        card.Find("[data-testid=draft-expiry]").TextContent.Trim().ShouldBe("expires in 3:12");
        card.Markup.ShouldContain("created 2 min ago");
        card.Markup.ShouldNotContain("Reply CONFIRM or CANCEL");
        card.FindAll("[data-testid=confirm-draft]").Count.ShouldBe(1);
        card.FindAll("[data-testid=cancel-draft]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_pending_card_warns_in_its_last_minute_and_offers_no_decision_once_expired_or_without_the_permission()
    {
        await using var context = ConsoleComponentContext.Create();
        var now = DateTimeOffset.UtcNow;

        Pending(context, TicketCard(now, TimeSpan.FromSeconds(42)), now, canConfirm: true)
            .Find("[data-testid=draft-expiry]").ClassList.ShouldContain("ops-expiry-soon");

        var expired = Pending(context, TicketCard(now, TimeSpan.FromSeconds(-1)), now, canConfirm: true);
        expired.Find("[data-testid=draft-expiry]").TextContent.Trim().ShouldBe("expired");
        expired.FindAll("[data-testid=confirm-draft]").ShouldBeEmpty();

        var viewer = Pending(context, TicketCard(now, TimeSpan.FromMinutes(4)), now, canConfirm: false);
        viewer.FindAll("[data-testid=confirm-draft]").ShouldBeEmpty();
        viewer.FindAll("[data-testid=draft-details]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_broadcast_card_names_its_recipients_and_shows_the_rendered_text_with_umlauts_not_escapes()
    {
        await using var context = ConsoleComponentContext.Create();
        var now = DateTimeOffset.UtcNow;
        // As the planner stores it: System.Text.Json escapes non-ASCII by default.
        var payload = """
            {"template_key":"shift_reminder","driver_ids":["0192f3a4-0000-7000-8000-0000000000a1","0192f3a4-0000-7000-8000-0000000000a2"],
             "recipient_names":["J\u00FCrgen M\u00FCller","Max Mustermann"],"params":{"date":"2026-12-08","time":"06:00"},
             "sample_text":"Hallo J\u00FCrgen M\u00FCller, Schichtbeginn morgen 06:00. Gr\u00FC\u00DFe"}
            """;
        var draft = new Draft
        {
            Id = DraftId, ActionType = DraftActionType.SendBroadcast, Preview = DraftTexts.BroadcastPreview("shift_reminder", 2), Payload = payload,
            CreatedAt = now, ExpiresAt = now.AddMinutes(5),
        };

        var card = Pending(context, new DraftCard(draft, new DraftRequester("Anna Berger", "436649876543"), DraftCard.ContentOf(draft)), now, canConfirm: true);

        card.Find("[data-testid=draft-title]").TextContent.ShouldContain("Send template shift_reminder to 2 drivers");
        card.FindAll("[data-testid=draft-recipients] li").Select(li => li.TextContent).ShouldBe(["Jürgen Müller", "Max Mustermann"]);
        card.Find("[data-testid=draft-rendered-text]").TextContent.ShouldBe("Hallo Jürgen Müller, Schichtbeginn morgen 06:00. Grüße");
        card.Markup.ShouldNotContain("\\u00");
        card.Find("[data-testid=draft-requester]").TextContent.ShouldContain("Anna Berger");
        DraftDisplay.Indented(payload).ShouldContain("Jürgen Müller");
        DraftDisplay.Indented(payload).ShouldNotContain("\\u00");
    }

    private async Task<(int TenantId, Guid UserId, Guid DraftId)> PendingTicketDraftAsync(string title)
    {
        var (tenant, user, password) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var client = await factory.SignedInClientAsync(user.Email!, password);
        var created = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title })).ShouldSucceedAsync();
        return (tenant.Id, user.Id, Guid.Parse(created["id"]!.GetValue<string>()));
    }

    private async Task<Draft> StoredAsync(int tenantId, Guid draftId)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return await scope.ServiceProvider.GetRequiredService<DraftQueries>().GetAsync(draftId, CancellationToken.None);
    }

    [Fact]
    public async Task Confirm_asks_with_the_consequence_spelled_out_Back_keeps_the_draft_and_Confirm_executes_it_once()
    {
        var (tenantId, userId, draftId) = await PendingTicketDraftAsync("Spiegel kaputt W-4711");
        await using var context = ConsoleComponentContext.Create(factory.Services, tenantId, userId, Permissions.DraftsConfirm);
        var (dialogs, snackbars) = context.RenderProviders();
        var draft = await StoredAsync(tenantId, draftId);
        DraftDecision? decided = null;
        var buttons = context.Render<DraftDecisionButtons>(p => p.Add(c => c.Draft, draft).Add(c => c.Decided, d => decided = d));

        // The click's handler waits for the dialog's answer: its task ends once the dialog is answered.
        var asking = buttons.Find("[data-testid=confirm-draft]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent
            .ShouldBe("Create ticket: 'Spiegel kaputt W-4711'? This is executed at once.");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await StoredAsync(tenantId, draftId)).Status.ShouldBe(DraftStatus.PendingConfirm);
        decided.ShouldBeNull();

        asking = buttons.Find("[data-testid=confirm-draft]").ClickAsync(new());
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;

        buttons.WaitForAssertion(() => decided.ShouldNotBeNull());
        decided!.Status.ShouldBe(DraftStatus.Committed);
        var stored = await StoredAsync(tenantId, draftId);
        stored.Status.ShouldBe(DraftStatus.Committed);
        stored.ConfirmedBy.ShouldBe(userId);
        var ticketNumber = decided.CommitResult!["ticket_number"]!.GetValue<int>();
        snackbars.WaitForAssertion(() =>
        {
            var message = snackbars.Find("[data-testid=snackbar]");
            message.GetAttribute("data-severity").ShouldBe("success");
            message.TextContent.ShouldBe($"Draft executed — Ticket #{ticketNumber} created");
        });
    }

    [Fact]
    public async Task Cancel_asks_first_and_cancels_the_draft_without_executing_it()
    {
        var (tenantId, userId, draftId) = await PendingTicketDraftAsync("Reifenpanne WN-482AB");
        await using var context = ConsoleComponentContext.Create(factory.Services, tenantId, userId, Permissions.DraftsConfirm);
        var (dialogs, snackbars) = context.RenderProviders();
        var draft = await StoredAsync(tenantId, draftId);
        var buttons = context.Render<DraftDecisionButtons>(p => p.Add(c => c.Draft, draft));

        var asking = buttons.Find("[data-testid=cancel-draft]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent
            .ShouldBe("Cancel this draft? Create ticket: 'Reifenpanne WN-482AB'?");
        await dialogs.Find("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;

        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent.ShouldBe("Draft cancelled — Nothing was executed."));
        (await StoredAsync(tenantId, draftId)).Status.ShouldBe(DraftStatus.Cancelled);
        await using var scope = factory.RuntimeScope(tenantId);
        (await scope.ServiceProvider.GetRequiredService<OpsCopilot.Data.OpsDbContext>().Tickets.CountAsync(t => t.DraftId == draftId)).ShouldBe(0);
    }
}
