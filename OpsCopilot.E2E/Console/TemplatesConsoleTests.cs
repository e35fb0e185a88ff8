using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class TemplatesConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_edit_whose_placeholders_do_not_match_is_named_at_the_Placeholders_field_in_the_forms_words_and_not_saved()
    {
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        await Assertions.Expect(templates.RowName("shift_reminder")).ToHaveTextAsync("Shift reminder");
        await templates.OpenAsync("shift_reminder");
        await session.Page.WaitForURLAsync(new Regex(@"/templates\?edit=shift_reminder$"));
        await Assertions.Expect(templates.EditorTitle).ToHaveTextAsync("Edit Shift reminder");

        await templates.Body.FillAsync("Hallo {{driver_name}}, Schicht am {{date}} ab {{start}}.");

        const string message = "The message uses {{start}}, which Placeholders does not list; Placeholders lists time, which the message never uses.";
        await Assertions.Expect(templates.Mismatch).ToHaveTextAsync(message);
        await templates.SaveAsync();
        var placeholders = session.Page.GetByTestId("template-params-field");
        await Assertions.Expect(placeholders).ToContainTextAsync(message);
        await Assertions.Expect(templates.Editor).Not.ToContainTextAsync("expected_params");
        await Assertions.Expect(templates.Editor).Not.ToContainTextAsync("template_key");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-template-mismatch");

        (await fixture.Host.Database.ScalarAsync<string>("SELECT body_template FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = 'shift_reminder'"))
            .ShouldBe("Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.");

        // Back closes the editor (its state is in the URL), a shared link opens it again.
        await session.Page.GoBackAsync();
        await Assertions.Expect(templates.Editor).ToHaveCountAsync(0);
        await session.GoToAsync("templates?edit=route_change");
        await Assertions.Expect(templates.EditorTitle).ToHaveTextAsync("Edit Route change");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_template_shows_a_live_preview_from_sample_values_and_saves_unapproved()
    {
        var key = "e2e_notice_" + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        await templates.NewButton.ClickAsync();
        await session.Page.WaitForURLAsync(new Regex(@"/templates\?edit=new$"));

        await templates.Key.FillAsync(key);
        await templates.Body.FillAsync("Hallo {{driver_name}}, bitte {{task}} bis {{time}}.");
        await templates.Params.FillAsync("driver_name, task");
        await Assertions.Expect(templates.Mismatch).ToContainTextAsync("The message uses {{time}}, which Placeholders does not list");
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

        await Assertions.Expect(new ActionDialog(session.Page).Snackbar($"{char.ToUpperInvariant(key[0])}{key[1..].Replace('_', ' ')} saved")).ToBeVisibleAsync();
        await Assertions.Expect(templates.Editor).ToHaveCountAsync(0);
        await Assertions.Expect(templates.Row(key)).ToBeVisibleAsync();
        (await fixture.Host.Database.ScalarAsync<string>(
            "SELECT array_to_string(expected_params, ',') || '|' || is_approved FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = $1", key))
            .ShouldBe("driver_name,task,time|false");
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TEMPLATE_CHANGED' AND payload->>'template_key' = $1", key)).ShouldBe(1L);
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approving_needs_no_confirmation_but_withdrawing_the_approval_does_and_Keep_changes_nothing()
    {
        var key = "e2e_toggle_" + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var name = "E2e toggle " + key[11..];
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.broadcast_templates (tenant_id, template_key, body_template, expected_params, is_approved, is_active) " +
            "VALUES (1, $1, 'Hallo {{driver_name}}.', ARRAY['driver_name'], false, true)", key);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Templates", "templates");
        var templates = new TemplatesPage(session.Page);
        var dialog = new ActionDialog(session.Page);
        var approved = templates.Approved(key);

        await approved.ClickAsync();
        await Assertions.Expect(dialog.Snackbar($"{name} is approved")).ToBeVisibleAsync();
        await Assertions.Expect(approved).ToBeCheckedAsync();
        (await IsApprovedAsync(key)).ShouldBeTrue();

        await approved.ClickAsync();
        await Assertions.Expect(dialog.Consequence).ToHaveTextAsync($"Withdraw the approval of {name}? It cannot be sent until it is approved again.");
        await dialog.KeepAsync();
        await Assertions.Expect(approved).ToBeCheckedAsync();
        (await IsApprovedAsync(key)).ShouldBeTrue();

        await approved.ClickAsync();
        await dialog.ConfirmAsync();
        await Assertions.Expect(dialog.Snackbar($"{name} is no longer approved")).ToBeVisibleAsync();
        await Assertions.Expect(approved).Not.ToBeCheckedAsync();
        (await IsApprovedAsync(key)).ShouldBeFalse();
        (await fixture.Host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE event_type = 'TEMPLATE_CHANGED' AND payload->>'template_key' = $1 AND payload->>'change' = 'flags'", key))
            .ShouldBe(2L);
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, dialog.Snackbar($"{name} is no longer approved"));
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-template-approval-withdrawn");
        session.Errors.ShouldBeEmpty();
    }

    private async Task<bool> IsApprovedAsync(string key) =>
        await fixture.Host.Database.ScalarAsync<bool>("SELECT is_approved FROM ops.broadcast_templates WHERE tenant_id = 1 AND template_key = $1", key);
}
