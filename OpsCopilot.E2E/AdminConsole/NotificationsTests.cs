using Microsoft.Playwright;
using OpsCopilot.E2E.Console;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.AdminConsole;

[Collection(ConsoleCollection.Name)]
public sealed class NotificationsTests(ConsoleFixture fixture)
{
    private RunningHost Host => fixture.Host;

    private static string NewPhone() => UniqueData.Phone("43676");

    /// <summary>An approved, active template of tenant 1 of this test's own, so the host's development sender really sends it once re-queued.</summary>
    private async Task<string> TemplateAsync()
    {
        var key = "e2e_outbox_" + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        await Host.Database.ExecuteAsync("""
            INSERT INTO ops.broadcast_templates (tenant_id, template_key, body_template, expected_params, is_approved, is_active)
            VALUES (1, $1, 'Hallo {{driver_name}}, bitte Depot anrufen.', ARRAY['driver_name'], true, true)
            """, key);
        return key;
    }

    /// <summary>A template notification as a failed send leaves it: status, attempts and the provider's error.</summary>
    private Task<Guid> NotificationAsync(string template, string status, int retryCount, string lastError) =>
        Host.Database.ScalarAsync<Guid>("""
            INSERT INTO ops.notifications (tenant_id, recipient_phone, kind, template_name, template_params, language, status, retry_count,
                                           next_attempt_at, last_error, created_at, updated_at)
            VALUES (1, $1, 'TEMPLATE', $2, '{"driver_name": "Max Mustermann"}', 'de', $3, $4, now() - interval '10 minutes', $5,
                    now() - interval '1 hour', now() - interval '10 minutes')
            RETURNING id
            """, NewPhone(), template, status, retryCount, lastError);

    [Fact]
    public async Task Failed_notifications_are_drained_with_the_count_confirmed_and_then_sent()
    {
        var template = await TemplateAsync();
        var failed = await NotificationAsync(template, "failed", 1, "gateway 400: recipient not on WhatsApp (upstream outage)");
        var expected = await Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = 1 AND status = 'failed'");

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Notifications", "notifications");
        var outbox = new NotificationsPage(session.Page);
        await Assertions.Expect(outbox.Count("failed")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(outbox.DrainButton).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"Drain failed \\({expected}\\)"));

        // Filtered to failed on the server, the row shows why it failed and that it waits for an operator.
        await outbox.ShowStatusAsync("failed");
        await Assertions.Expect(outbox.Grid.GetByTestId("notification-status").Filter(new() { HasNotText = "failed" })).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications\\?status=failed$"));
        await Assertions.Expect(outbox.Row(failed)).ToBeVisibleAsync();
        await outbox.OpenDetailAsync(failed);
        var detail = outbox.Detail(failed);
        await Assertions.Expect(detail.GetByTestId("notification-last-error")).ToContainTextAsync("recipient not on WhatsApp");
        await Assertions.Expect(detail.GetByTestId("notification-attempts")).ToHaveTextAsync("1 failed attempt of 5 allowed");
        await Assertions.Expect(detail.GetByTestId("notification-next-attempt")).ToHaveTextAsync("not scheduled: waits for Retry or Drain");
        await Assertions.Expect(detail.GetByTestId("notification-template")).ToContainTextAsync(template);
        await Assertions.Expect(detail.GetByTestId("notification-draft")).ToContainTextAsync("none");
        (await session.Page.ContentAsync()).ShouldNotContain(await Host.Database.ScalarAsync<string>(
            "SELECT recipient_phone FROM ops.notifications WHERE id = $1", failed) ?? "");
        await ConsoleFixture.ScreenshotAsync(session.Page, "notifications-failed-detail");

        // The drain says how many rows it will re-queue before it does anything.
        await outbox.DrainButton.ClickAsync();
        var dialog = new ActionDialog(session.Page);
        await Assertions.Expect(dialog.Consequence).ToContainTextAsync($"Re-queue {expected} failed notification");
        await Assertions.Expect(session.Page.GetByTestId("confirm-dialog-confirm")).ToHaveTextAsync($"Drain {expected}");
        await ConsoleFixture.ScreenshotAsync(session.Page, "notifications-drain-confirm");
        await dialog.ConfirmAsync();
        var drained = dialog.Snackbar("Failed notifications drained");
        await Assertions.Expect(drained).ToContainTextAsync($"{expected} failed notification");
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, drained);

        // The development sender of the E2E host sends it as soon as the outbox is nudged.
        await ConsoleSessions.EventuallyAsync(async () =>
            await Host.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", failed) == "sent", "the drained row is sent");
        (await Host.Database.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", failed)).ShouldStartWith("dev-");
        await Assertions.Expect(outbox.Row(failed)).ToHaveCountAsync(0);
        (await Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = 1 AND event_type = 'NOTIFICATIONS_DRAINED' AND payload->>'source' = 'console' " +
            "AND (payload->>'count')::int = $1 AND payload->>'user_id' IS NOT NULL", (int)expected)).ShouldBe(1L);

        // Let the live reloads of queued → sending → sent land before clicking, or the click may hit a replaced element.
        var sent = await Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.notifications WHERE tenant_id = 1 AND status = 'sent'");
        await Assertions.Expect(outbox.Count("sent")).ToHaveTextAsync(sent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await outbox.ShowStatusAsync("sent");
        await outbox.OpenDetailAsync(failed);
        await Assertions.Expect(outbox.Detail(failed).GetByTestId("notification-provider-id")).ToContainTextAsync("dev-");
        await ConsoleFixture.ScreenshotAsync(session.Page, "notifications-drained-sent");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dead_notification_is_retried_after_confirming_and_is_sent()
    {
        var template = await TemplateAsync();
        var dead = await NotificationAsync(template, "dead", 5, "gateway 503: upstream timeout (gave up after 5 attempts)");

        await using var session = await SignedIn.AdminAsync(fixture);
        await session.GoToAsync("notifications?status=dead");
        var outbox = new NotificationsPage(session.Page);
        await Assertions.Expect(outbox.Row(dead)).ToBeVisibleAsync();
        await Assertions.Expect(outbox.Row(dead).GetByTestId("notification-status")).ToHaveTextAsync("dead");
        await outbox.OpenDetailAsync(dead);
        await Assertions.Expect(outbox.Detail(dead).GetByTestId("notification-attempts")).ToHaveTextAsync("5 failed attempts (the limit is 5; a retry allows one more)");
        await ConsoleFixture.ScreenshotAsync(session.Page, "notifications-dead-detail");

        // A row written elsewhere arrives live (change feed); the reload keeps the open detail open.
        var sentBefore = int.Parse(await outbox.Count("sent").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await NotificationAsync(template, "sent", 0, "");
        await Assertions.Expect(outbox.Count("sent")).ToHaveTextAsync((sentBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(outbox.Detail(dead)).ToBeVisibleAsync();

        // Backing out of the confirmation changes nothing, the list's filter included.
        await outbox.Row(dead).GetByTestId("retry-notification").ClickAsync();
        await Assertions.Expect(new ActionDialog(session.Page).Consequence).ToContainTextAsync("Retry the dead notification to ");
        await new ActionDialog(session.Page).KeepAsync();
        (await Host.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", dead)).ShouldBe("dead");
        session.Page.Url.ShouldEndWith("notifications?status=dead");
        await Assertions.Expect(outbox.Grid.GetByTestId("notification-status").Filter(new() { HasNotText = "dead" })).ToHaveCountAsync(0);

        await outbox.RetryAsync(dead);
        await Assertions.Expect(new ActionDialog(session.Page).Snackbar("Notification re-queued")).ToBeVisibleAsync();
        await ConsoleSessions.EventuallyAsync(async () =>
            await Host.Database.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", dead) == "sent", "the retried row is sent");
        await Assertions.Expect(outbox.Row(dead)).ToHaveCountAsync(0);
        (await Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'NOTIFICATIONS_DRAINED' AND payload->>'source' = 'retry' AND payload->>'notification_id' = $1",
            dead.ToString())).ShouldBe(1L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "notifications-dead-retried");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dispatcher_sees_neither_the_outbox_nor_conversations()
    {
        await using var session = await SignedIn.DispatcherAsync(fixture);
        var navigation = await session.Shell.NavItems.AllInnerTextsAsync();
        navigation.ShouldNotContain("Notifications");
        navigation.ShouldNotContain("Conversations");

        foreach (var (path, grid) in new[] { ("notifications", "notifications-grid"), ("conversations", "threads-grid") })
        {
            await session.Page.GotoAsync(path);
            await Assertions.Expect(session.Page.GetByTestId("not-allowed")).ToBeVisibleAsync();
            await Assertions.Expect(session.Page.GetByTestId(grid)).ToHaveCountAsync(0);
        }
    }
}
