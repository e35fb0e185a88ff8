using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class TemplatesConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_edit_whose_placeholders_do_not_match_the_expected_params_is_refused_with_the_services_message()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        await templates.OpenAsync("shift_reminder");

        await templates.Body.FillAsync("Hallo {{driver_name}}, Schicht am {{date}} ab {{start}}.");

        const string message = "Placeholders and expected_params differ: the body uses {{start}} which expected_params does not list; " +
                               "expected_params lists time which the body never uses.";
        await Assertions.Expect(templates.Mismatch).ToContainTextAsync(message);
        await templates.SaveAsync();
        await Assertions.Expect(templates.Error).ToContainTextAsync(message);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-template-mismatch");

        (await fixture.Host.Database.ScalarAsync<string>("SELECT body_template FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = 'shift_reminder'"))
            .ShouldBe("Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_template_shows_a_live_preview_from_sample_params_and_saves_unapproved()
    {
        var key = "e2e_notice_" + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        await templates.NewButton.ClickAsync();

        await session.Page.GetByTestId("template-key").FillAsync(key);
        await templates.Body.FillAsync("Hallo {{driver_name}}, bitte {{task}} bis {{time}}.");
        await templates.Params.FillAsync("driver_name, task");
        await Assertions.Expect(templates.Mismatch).ToContainTextAsync("the body uses {{time}} which expected_params does not list");
        await templates.Params.FillAsync("driver_name, task, time");
        await Assertions.Expect(templates.Mismatch).ToHaveCountAsync(0);
        await templates.SampleAsync("driver_name", "Anna Berger");
        await templates.SampleAsync("task", "Tor 3 anfahren");
        await Assertions.Expect(templates.Preview).ToHaveTextAsync("Hallo Anna Berger, bitte Tor 3 anfahren bis {{time}}.");
        await Assertions.Expect(templates.Preview.GetByTestId("preview-missing")).ToHaveTextAsync("{{time}}");
        await templates.SampleAsync("time", "14:00");
        await Assertions.Expect(templates.Preview).ToHaveTextAsync("Hallo Anna Berger, bitte Tor 3 anfahren bis 14:00.");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-template-preview");

        await templates.SaveAsync();

        await Assertions.Expect(templates.Row(key)).ToBeVisibleAsync();
        await Assertions.Expect(templates.Editor).ToHaveCountAsync(0);
        (await fixture.Host.Database.ScalarAsync<string>(
            "SELECT array_to_string(expected_params, ',') || '|' || is_approved FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = $1", key))
            .ShouldBe("driver_name,task,time|false");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TEMPLATE_CHANGED' AND payload->>'template_key' = $1", key)).ShouldBe(1L);
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approving_needs_no_confirmation_but_withdrawing_the_approval_does_and_can_be_cancelled()
    {
        var key = "e2e_toggle_" + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.broadcast_templates (tenant_id, template_key, body_template, expected_params, is_approved, is_active) " +
            "VALUES (1, $1, 'Hallo {{driver_name}}.', ARRAY['driver_name'], false, true)", key);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        var radzen = new RadzenControls(session.Page);
        var approved = templates.Row(key).GetByTestId("template-approved");

        await approved.ClickAsync();
        await Assertions.Expect(radzen.Notifications.Filter(new() { HasText = $"{key} is approved" })).ToBeVisibleAsync();
        (await IsApprovedAsync(key)).ShouldBeTrue();

        await approved.ClickAsync();
        await radzen.AnswerConfirmAsync("Keep");
        await Assertions.Expect(approved).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-switch-checked"));
        (await IsApprovedAsync(key)).ShouldBeTrue();

        await approved.ClickAsync();
        await radzen.AnswerConfirmAsync("Withdraw approval");
        await Assertions.Expect(radzen.Notifications.Filter(new() { HasText = $"{key} is no longer approved" })).ToBeVisibleAsync();
        await Assertions.Expect(approved).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-switch-checked"));
        (await IsApprovedAsync(key)).ShouldBeFalse();
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TEMPLATE_CHANGED' AND payload->>'template_key' = $1 AND payload->>'change' = 'flags'", key))
            .ShouldBe(2L);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-template-approval-withdrawn");
        session.Errors.ShouldBeEmpty();
    }

    private async Task<bool> IsApprovedAsync(string key) =>
        await fixture.Host.Database.ScalarAsync<bool>("SELECT is_approved FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = $1", key);
}
