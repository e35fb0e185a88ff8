using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Conversations;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Tickets;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>
/// The interactive parts of Tickets, Conversations and Notifications, rendered with bUnit: every action asks first with
/// the consequence spelled out, Back changes nothing, the confirmation reaches the real database (an OpsWebFactory
/// tenant), and the snackbar or the form says what happened.
/// </summary>
public sealed class ListComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    private async Task<(int TenantId, Guid UserId, HttpClient Client)> TenantAsync()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        return (tenant.Id, admin.Id, await factory.SignedInClientAsync(admin.Email!, password));
    }

    /// <summary>A bUnit context on the host's services for the tenant (the outbox signal the host's worker listens to included).</summary>
    private BunitContext Context(int tenantId, Guid userId, params string[] permissions) =>
        ConsoleComponentContext.Create(factory.Services, tenantId, userId, permissions);

    private async Task<Ticket> TicketAsync(int tenantId, HttpClient client, string title)
    {
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title })).ShouldSucceedAsync();
        await (await client.PostJsonAsync($"/api/v1/ops/drafts/{draft["id"]!.GetValue<string>()}/confirm", new { confirmed = true })).ShouldSucceedAsync();
        await using var scope = factory.RuntimeScope(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<TicketService>().SearchAsync(null, title, 1, 1, CancellationToken.None)).Items.Single().Ticket;
    }

    [Fact]
    public async Task A_ticket_status_change_names_both_statuses_Back_keeps_the_ticket_and_Change_writes_and_audits_it()
    {
        var (tenantId, userId, client) = await TenantAsync();
        var ticket = await TicketAsync(tenantId, client, "Kühlung defekt W-3310");
        await using var context = Context(tenantId, userId, Permissions.TicketsManage);
        var popovers = context.Render<MudPopoverProvider>();
        var (dialogs, snackbars) = context.RenderProviders();
        Ticket? changed = null;
        var changer = context.Render<TicketStatusChanger>(p => p.Add(c => c.Ticket, ticket).Add(c => c.Changed, t => changed = t));

        changer.Find("[data-testid=ticket-status]").TextContent.Trim().ShouldBe("OPEN");
        changer.Find("[data-testid=ticket-status-change] button").GetAttribute("aria-label").ShouldBe($"Change the status of ticket #{ticket.TicketNumber}");

        // The pick's handler waits for the dialog's answer: its task ends once the dialog is answered.
        async Task<Task> PickAsync(string status)
        {
            await changer.Find("[data-testid=ticket-status-change] button").ClickAsync(new());
            var options = popovers.WaitForElements("[data-testid=ticket-status-option]");
            options.Select(o => o.GetAttribute("data-status")).ShouldBe(["IN_PROGRESS", "RESOLVED", "CLOSED"], "every status but the current one");
            return options.Single(o => o.GetAttribute("data-status") == status).ClickAsync(new());
        }

        var asking = await PickAsync("IN_PROGRESS");
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent
            .ShouldBe($"Change ticket #{ticket.TicketNumber} from OPEN to IN_PROGRESS?");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.tickets WHERE id = $1", ticket.Id)).ShouldBe("OPEN");
        changed.ShouldBeNull();
        snackbars.FindAll("[data-testid=snackbar]").ShouldBeEmpty();

        asking = await PickAsync("IN_PROGRESS");
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;

        changer.WaitForAssertion(() => changed.ShouldNotBeNull());
        changed!.Status.ShouldBe("IN_PROGRESS");
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.tickets WHERE id = $1", ticket.Id)).ShouldBe("IN_PROGRESS");
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TICKET_STATUS_CHANGED' AND (payload->>'ticket_id')::bigint = $1 AND payload->>'by' = $2",
            ticket.Id, userId.ToString())).ShouldBe(1L);
        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent
            .ShouldBe($"Ticket #{ticket.TicketNumber} — Status is IN_PROGRESS now."));
    }

    [Fact]
    public async Task The_unblock_form_says_at_the_field_what_is_wrong_asks_before_deleting_and_reports_found_or_not()
    {
        var (tenantId, userId, _) = await TenantAsync();
        var messageId = "wamid.bunit-" + Guid.NewGuid().ToString("N");
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.ingest_dedup (idempotency_key, message_id, wa_user_id, tenant_id) VALUES ($1, $2, '436641234567', $3)",
            "gateway:" + messageId, messageId, tenantId);
        await using var context = Context(tenantId, userId, Permissions.ConversationsManage);
        var (dialogs, _) = context.RenderProviders();
        var unblocked = 0;
        var form = context.Render<UnblockMessageForm>(p => p.Add(c => c.UserId, userId).Add(c => c.Unblocked, () => unblocked++));
        var input = () => form.Find("input[data-testid=unblock-message-id], [data-testid=unblock-message-id] input");

        await form.Find("form").SubmitAsync();
        form.WaitForAssertion(() => form.Find("[data-testid=unblock-form]").TextContent.ShouldContain("Enter the message id to unblock."));
        await input().InputAsync(new ChangeEventArgs { Value = new string('x', 300) });
        await form.Find("form").SubmitAsync();
        form.WaitForAssertion(() => form.Find("[data-testid=unblock-form]").TextContent
            .ShouldContain("A message id has at most 256 characters; this one has 300."));
        dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty("nothing is asked while the id is wrong");

        var unknown = "wamid.never-" + Guid.NewGuid().ToString("N");
        await input().InputAsync(new ChangeEventArgs { Value = "  " + unknown + " " });
        var asking = form.Find("form").SubmitAsync();
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe(
            $"Unblock message '{unknown}'? Its processed record is deleted, so when the gateway delivers it again it is handled as new (drafts, replies).");
        await dialogs.Find("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;
        form.WaitForElement("[data-testid=unblock-not-found]").TextContent.ShouldStartWith($"Not found: no processed message '{unknown}' is recorded for this tenant.");

        await input().InputAsync(new ChangeEventArgs { Value = messageId });
        asking = form.Find("form").SubmitAsync();
        await dialogs.WaitForElement("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(1L, "Back deletes nothing");

        asking = form.Find("form").SubmitAsync();
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;
        form.WaitForElement("[data-testid=unblock-done]").TextContent
            .ShouldBe($"Unblocked '{messageId}' (1 record removed): the gateway's next delivery of it is processed again.");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'IDEMPOTENCY_UNBLOCKED' AND payload->>'message_id' = $1 AND payload->>'source' = 'console' AND payload->>'by' = $2",
            messageId, userId.ToString())).ShouldBe(1L);
        unblocked.ShouldBe(1);
        input().GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task Resetting_a_chat_state_names_the_sender_Back_keeps_it_and_Reset_empties_it()
    {
        var (tenantId, userId, _) = await TenantAsync();
        var threadId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.threads (tenant_id, wa_user_id, state) VALUES ($1, '436641234567', '{\"step\": \"awaiting_confirm\"}') RETURNING id", tenantId);
        await using var context = Context(tenantId, userId, Permissions.ConversationsManage);
        var (dialogs, snackbars) = context.RenderProviders();
        var thread = new ThreadSummary(threadId, "436641234567", null, null, null, "{\"step\": \"awaiting_confirm\"}", At, At, "Max Mustermann");
        var resets = 0;
        var button = context.Render<ThreadResetButton>(p => p.Add(c => c.Thread, thread).Add(c => c.UserId, userId).Add(c => c.Reset, () => resets++));

        var asking = button.Find("[data-testid=reset-thread]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe(
            "Reset the chat state of +436*******67 (not paired)? Whatever the copilot was waiting for is forgotten. Messages and drafts stay.");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await factory.Database.ScalarAsync<string>("SELECT state->>'step' FROM ops.threads WHERE id = $1", threadId)).ShouldBe("awaiting_confirm");
        resets.ShouldBe(0);

        asking = button.Find("[data-testid=reset-thread]").ClickAsync(new());
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;
        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent
            .ShouldBe("Chat state reset — Max Mustermann +436*******67 starts afresh."));
        (await factory.Database.ScalarAsync<string>("SELECT state::text FROM ops.threads WHERE id = $1", threadId)).ShouldBe("{}");
        resets.ShouldBe(1);
    }

    private Task<Guid> NotificationAsync(int tenantId, string phone, string status, int retryCount, Guid? driverId = null, string template = "shift_reminder_v1") =>
        factory.Database.ScalarAsync<Guid>("""
            INSERT INTO ops.notifications (tenant_id, driver_id, recipient_phone, kind, template_name, template_params, language, status, retry_count, last_error)
            VALUES ($1, $2, $3, 'TEMPLATE', $4, '{"driver_name": "Max"}', 'de', $5, $6, 'gateway 503: upstream timeout')
            RETURNING id
            """, tenantId, (object?)driverId ?? DBNull.Value, phone, template, status, retryCount);

    private async Task<IReadOnlyList<NotificationRow>> RowsAsync(int tenantId, string? status)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<NotificationRows>().ListAsync(status, 1, 50, CancellationToken.None)).Items;
    }

    [Fact]
    public async Task Outbox_rows_name_the_driver_or_user_beside_the_masked_number_and_the_template_by_its_key()
    {
        var (tenantId, adminId, _) = await TenantAsync();
        await factory.Database.ExecuteAsync("""
            INSERT INTO ops.broadcast_templates (tenant_id, template_key, body_template, wa_template_name) VALUES ($1, 'shift_reminder', 'Hallo', 'shift_reminder_v1')
            """, tenantId);
        var driverId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Jürgen Müller', '436641110001') RETURNING id", tenantId);
        await factory.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Eva Huber', '436641110002')", tenantId);
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, '436641110003')", tenantId, adminId);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Anna Berger' WHERE id = $1", adminId);
        var byDriver = await NotificationAsync(tenantId, "436641110001", "sent", 0, driverId);
        var byPhone = await NotificationAsync(tenantId, "436641110002", "sent", 0, template: "shift_reminder");
        var byIdentity = await NotificationAsync(tenantId, "436641110003", "sent", 0, template: "unknown_template");
        var nobody = await NotificationAsync(tenantId, "436641110004", "sent", 0);

        var rows = (await RowsAsync(tenantId, null)).ToDictionary(r => r.Notification.Id);

        (rows[byDriver].RecipientName, rows[byDriver].TemplateKey).ShouldBe(("Jürgen Müller", "shift_reminder"), "the WhatsApp name shows as the key");
        (rows[byPhone].RecipientName, rows[byPhone].TemplateKey).ShouldBe(("Eva Huber", "shift_reminder"));
        (rows[byIdentity].RecipientName, rows[byIdentity].TemplateKey).ShouldBe(("Anna Berger", "unknown_template"));
        rows[nobody].RecipientName.ShouldBeNull();
        NotificationDisplay.Message(rows[byDriver]).ShouldBe("Template shift_reminder");
        NotificationDisplay.Recipient(rows[byDriver]).ShouldBe("Jürgen Müller +436*******01");
    }

    [Fact]
    public async Task Retrying_a_dead_notification_says_to_whom_and_what_Back_keeps_it_dead_and_Retry_queues_it()
    {
        var (tenantId, userId, _) = await TenantAsync();
        var driverId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Max Mustermann', '436641120001') RETURNING id", tenantId);
        var dead = await NotificationAsync(tenantId, "436641120001", "dead", 5, driverId);
        var row = (await RowsAsync(tenantId, "dead")).Single();
        await using var context = Context(tenantId, userId, Permissions.NotificationsManage);
        var (dialogs, snackbars) = context.RenderProviders();
        var retried = 0;
        var button = context.Render<RetryNotificationButton>(p => p.Add(c => c.Row, row).Add(c => c.UserId, userId).Add(c => c.Retried, () => retried++));

        var asking = button.Find("[data-testid=retry-notification]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe(
            "Retry the dead notification to Max Mustermann +436*******01 (Template shift_reminder_v1)? It is queued again and sent at once.");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", dead)).ShouldBe("dead");
        retried.ShouldBe(0);

        asking = button.Find("[data-testid=retry-notification]").ClickAsync(new());
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;
        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent.ShouldBe("Notification re-queued — The outbox sends it again now."));
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", dead)).ShouldBe("queued");
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'NOTIFICATIONS_DRAINED' AND payload->>'source' = 'retry' AND payload->>'notification_id' = $1 AND payload->>'user_id' = $2",
            dead.ToString(), userId.ToString())).ShouldBe(1L);
        retried.ShouldBe(1);
    }

    [Fact]
    public async Task Draining_counts_the_failed_rows_again_says_how_many_and_requeues_exactly_those()
    {
        var (tenantId, userId, _) = await TenantAsync();
        var first = await NotificationAsync(tenantId, "436641130001", "failed", 1);
        await using var context = Context(tenantId, userId, Permissions.NotificationsManage);
        var (dialogs, snackbars) = context.RenderProviders();
        var drained = 0;
        // The page last counted one failed row; a second failed since.
        var button = context.Render<DrainFailedButton>(p => p.Add(c => c.Failed, 1).Add(c => c.UserId, userId).Add(c => c.Drained, () => drained++));
        var second = await NotificationAsync(tenantId, "436641130002", "failed", 2);
        var dead = await NotificationAsync(tenantId, "436641130003", "dead", 5);

        button.Find("[data-testid=drain-failed]").TextContent.Trim().ShouldBe("Drain failed (1)");
        var asking = button.Find("[data-testid=drain-failed]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe(
            "Re-queue 2 failed notifications? Like the runbook's drain, each is set to queued and due now (retry_count is kept), and the outbox sends them again.");
        dialogs.Find("[data-testid=confirm-dialog-confirm]").TextContent.Trim().ShouldBe("Drain 2");
        await dialogs.Find("[data-testid=confirm-dialog-keep]").ClickAsync(new());
        await asking;
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = $1 AND status = 'failed'", tenantId)).ShouldBe(2L);

        asking = button.Find("[data-testid=drain-failed]").ClickAsync(new());
        await dialogs.WaitForElement("[data-testid=confirm-dialog-confirm]").ClickAsync(new());
        await asking;
        snackbars.WaitForAssertion(() => snackbars.Find("[data-testid=snackbar]").TextContent
            .ShouldBe("Failed notifications drained — 2 failed notifications re-queued."));
        foreach (var (id, status, retries) in new[] { (first, "queued", 1), (second, "queued", 2), (dead, "dead", 5) })
        {
            (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", id)).ShouldBe(status);
            (await factory.Database.ScalarAsync<int>("SELECT retry_count FROM ops.notifications WHERE id = $1", id)).ShouldBe(retries, "retry_count is kept");
        }
        drained.ShouldBe(1);

        // Nothing failed any more: no question, a plain answer.
        await button.Find("[data-testid=drain-failed]").ClickAsync(new());
        snackbars.WaitForAssertion(() => snackbars.FindAll("[data-testid=snackbar]").Select(s => s.TextContent)
            .ShouldContain("Nothing to drain — No notification is failed right now."));
        dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty();
    }

    private static NotificationRow Row(string status, int retryCount = 0, Guid? draftId = null, string? error = null) => new(new Notification
    {
        Id = Guid.Parse("0192f3a4-0000-7000-8000-0000000000aa"), TenantId = 1, DraftId = draftId, RecipientPhone = "436641234567",
        Kind = NotificationKind.Template, TemplateName = "shift_reminder_v1", TemplateParams = """{"driver_name":"Jürgen"}""", Language = "de",
        Status = status, RetryCount = retryCount, NextAttemptAt = At.AddMinutes(5), LastError = error, CreatedAt = At, UpdatedAt = At,
    }, "Max Mustermann", "shift_reminder");

    private static IRenderedComponent<NotificationDetail> Detail(BunitContext context, NotificationRow row, bool canViewDrafts = true) =>
        context.Render<NotificationDetail>(p => p.Add(c => c.Row, row).Add(c => c.MaxAttempts, 5).Add(c => c.CanViewDrafts, canViewDrafts));

    [Fact]
    public async Task A_failed_rows_detail_shows_its_error_attempts_the_named_masked_recipient_the_template_and_its_draft()
    {
        await using var context = ConsoleComponentContext.Create();
        var draftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000001");

        var detail = Detail(context, Row(NotificationStatus.Failed, 2, draftId, "gateway 400: <invalid> parameter"));

        detail.Find("[data-testid=notification-last-error]").TextContent.ShouldContain("gateway 400: <invalid> parameter");
        detail.Find("[data-testid=notification-attempts]").TextContent.ShouldBe("2 failed attempts of 5 allowed");
        detail.Find("[data-testid=notification-next-attempt]").TextContent.Trim().ShouldBe("not scheduled: waits for Retry or Drain");
        var recipient = detail.Find("[data-testid=notification-recipient]").TextContent;
        recipient.ShouldContain("Max Mustermann");
        recipient.ShouldContain("+436*******67");
        detail.Markup.ShouldNotContain("436641234567");
        detail.Find("[data-testid=notification-template]").TextContent.ShouldContain("shift_reminder (de)");
        detail.Find("[data-testid=notification-template]").TextContent.ShouldNotContain("_v1");
        detail.Find("[data-testid=notification-params]").TextContent.ShouldContain("\"driver_name\": \"Jürgen\"");
        detail.Find("[data-testid=notification-draft-link]").GetAttribute("href").ShouldBe($"drafts/{draftId}");
        // Times in the tenant's zone, named (08:30 UTC is 09:30 in Vienna in November).
        detail.Find("[data-testid=notification-created-at]").TextContent.ShouldBe("2026-11-01 09:30:00 Vienna");
        detail.Find("[data-testid=notification-provider-id]").TextContent.ShouldContain("none yet (the provider has not accepted it)");
    }

    [Fact]
    public async Task Without_the_drafts_permission_the_draft_is_named_not_linked_and_a_queued_row_says_when_it_is_due()
    {
        await using var context = ConsoleComponentContext.Create();
        var draftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000002");

        var dead = Detail(context, Row(NotificationStatus.Dead, 5, draftId), canViewDrafts: false);
        dead.Find("[data-testid=notification-draft]").TextContent.Trim().ShouldBe(draftId.ToString());
        dead.FindAll("[data-testid=notification-draft-link]").ShouldBeEmpty();
        dead.Find("[data-testid=notification-attempts]").TextContent.ShouldBe("5 failed attempts (the limit is 5; a retry allows one more)");
        dead.FindAll("[data-testid=notification-last-error]").ShouldBeEmpty();

        var queued = Detail(context, Row(NotificationStatus.Queued));
        queued.Find("[data-testid=notification-next-attempt]").TextContent.ShouldBe("2026-11-01 09:35:00 Vienna");
        queued.Find("[data-testid=notification-draft]").TextContent.Trim().ShouldBe("none (a reply in a conversation)");
    }

    [Fact]
    public async Task The_status_counts_show_every_status_in_order_with_zeros_a_total_and_failed_highlighted()
    {
        await using var context = ConsoleComponentContext.Create();
        string? chosen = "unset";
        var counts = context.Render<NotificationStatusCounts>(p => p
            .Add(c => c.Counts, new Dictionary<string, int> { ["sent"] = 7, ["failed"] = 2, ["dead"] = 0, ["queued"] = 1 })
            .Add(c => c.Selected, "failed")
            .Add(c => c.SelectedChanged, s => chosen = s));

        var buttons = counts.FindAll("[data-testid=status-count]");
        buttons.Select(b => b.GetAttribute("data-status")).ShouldBe(new[] { "all" }.Concat(NotificationStatus.All));
        string Value(string status) => counts.Find($"[data-testid=status-count][data-status={status}] [data-testid=status-count-value]").TextContent;
        (Value("all"), Value("delivered"), Value("sent")).ShouldBe(("10", "0", "7"));
        counts.Find("[data-status=failed]").ClassList.ShouldContain("ops-status-count-alert");
        counts.Find("[data-status=failed]").GetAttribute("aria-pressed").ShouldBe("true");
        counts.Find("[data-status=dead]").ClassList.ShouldNotContain("ops-status-count-alert");
        counts.Find("[data-status=sent]").GetAttribute("aria-pressed").ShouldBe("false");

        await counts.Find("[data-status=sent]").ClickAsync(new());
        chosen.ShouldBe("sent");
        await counts.Find("[data-status=all]").ClickAsync(new());
        chosen.ShouldBeNull();
    }

    [Fact]
    public async Task Thread_messages_render_oldest_first_with_direction_times_in_the_tenants_zone_and_the_ids_unblock_takes()
    {
        await using var context = ConsoleComponentContext.Create();
        var older = 0;
        List<ThreadMessage> messages =
        [
            new(1, MessageDirection.Inbound, "LKW <W-1234> hat Bremsenproblem", "wamid.in-1", "gateway", At),
            new(2, MessageDirection.Outbound, "Create ticket: 'Bremsenproblem'? Reply CONFIRM or CANCEL", "wamid.in-1", "gateway", At.AddSeconds(1)),
        ];

        var list = context.Render<ThreadMessageList>(p => p.Add(c => c.Messages, messages).Add(c => c.HasOlder, true).Add(c => c.OnLoadOlder, () => older++));

        var items = list.FindAll("[data-testid=thread-message]");
        items.Select(i => (i.GetAttribute("data-event-id"), i.GetAttribute("data-direction"))).ShouldBe([("1", "in"), ("2", "out")]);
        items[0].QuerySelector("[data-testid=thread-message-text]")!.TextContent.ShouldBe("LKW <W-1234> hat Bremsenproblem");
        items[0].TextContent.ShouldContain("received 2026-11-01 09:30:00 Vienna");
        items[1].TextContent.ShouldContain("replied 2026-11-01 09:30:01 Vienna");
        items[0].QuerySelector("[data-testid=thread-message-id]")!.TextContent.ShouldBe("wamid.in-1");
        await list.Find("[data-testid=thread-older]").ClickAsync(new());
        older.ShouldBe(1);

        var empty = context.Render<ThreadMessageList>(p => p.Add(c => c.Messages, new List<ThreadMessage>()));
        empty.Find("[data-testid=thread-no-messages]").TextContent.ShouldBe("No messages are recorded for this thread.");
        empty.FindAll("[data-testid=thread-older]").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_search_box_applies_on_Enter_clears_to_nothing_and_follows_the_url()
    {
        await using var context = ConsoleComponentContext.Create();
        var applied = new List<string?>();
        var box = context.Render<SearchBox>(p => p.Add(c => c.Value, "W-1234").Add(c => c.OnSearch, s => applied.Add(s)).Add(c => c.TestId, "search"));
        var input = () => box.Find("input[data-testid=search], [data-testid=search] input");

        input().GetAttribute("value").ShouldBe("W-1234");
        await input().InputAsync(new ChangeEventArgs { Value = "  Bremse " });
        applied.ShouldBeEmpty("typing alone applies nothing");
        await input().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        applied.ShouldBe(["Bremse"]);

        // The back button brings another search in the URL: the box shows it.
        box.Render(p => p.Add(c => c.Value, "#12"));
        input().GetAttribute("value").ShouldBe("#12");

        await input().InputAsync(new ChangeEventArgs { Value = "   " });
        await input().KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        applied.ShouldBe(["Bremse", null]);
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
    public void A_thread_is_named_by_its_user_else_its_driver_and_shows_its_sender_masked()
    {
        var thread = new ThreadSummary(Guid.NewGuid(), "436641234567", Guid.NewGuid(), "anna@demo.local", "Anna", "{}", At, At, "Max Mustermann");

        ConversationDisplay.Sender(thread).ShouldBe("+436*******67");
        ConversationDisplay.Name(thread).ShouldBe("Anna");
        ConversationDisplay.PairedUser(thread).ShouldBe("Anna (anna@demo.local)");
        ConversationDisplay.Name(thread with { UserDisplayName = null }).ShouldBe("anna@demo.local");
        var driver = thread with { UserDisplayName = null, UserEmail = null, IdentityId = null };
        ConversationDisplay.Name(driver).ShouldBe("Max Mustermann");
        ConversationDisplay.PairedUser(driver).ShouldBe("not paired");
        ConversationDisplay.Person(driver).ShouldBe("Max Mustermann +436*******67");
        ConversationDisplay.Name(driver with { DriverName = null }).ShouldBeNull();
    }

    [Fact]
    public void Unblock_checks_and_outcomes_use_the_words_the_form_shows()
    {
        UnblockMessageForm.Check(null).ShouldBe("Enter the message id to unblock.");
        UnblockMessageForm.Check("  ").ShouldBe("Enter the message id to unblock.");
        UnblockMessageForm.Check(new string('x', 257)).ShouldBe("A message id has at most 256 characters; this one has 257.");
        UnblockMessageForm.Check(" wamid.ok ").ShouldBeNull();
        UnblockMessageForm.Describe("wamid.ok", 2).Text.ShouldBe("Unblocked 'wamid.ok' (2 records removed): the gateway's next delivery of it is processed again.");
        UnblockMessageForm.Describe("wamid.gone", 0).Found.ShouldBeFalse();
    }
}
