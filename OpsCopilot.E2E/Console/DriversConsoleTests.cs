using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class DriversConsoleTests(ConsoleFixture fixture)
{
    private Task<Guid> DriverIdAsync(string digits) =>
        fixture.Host.Database.ScalarAsync<Guid>("SELECT id FROM ops.drivers WHERE tenant_id = 1 AND phone = $1", digits);

    [Fact]
    public async Task A_CSV_import_with_good_and_bad_rows_shows_its_report_by_line_and_the_list_shows_the_new_drivers_masked_with_names()
    {
        var national = UniqueData.Phone("43664")[2..];
        const string csv = "\uFEFFfull_name;phone;subscribed;source\r\n" +
                           "\"Huber; Karl\";+43 664 2000001;ja;paper form\r\n" +
                           "Eva Klein;436642000002;no;\r\n" +
                           "\r\n" +
                           "Bad Number;12ab;yes;\r\n" +
                           "Max Again;+43 664 1000001;yes;\r\n";
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drivers & Subscriptions", "drivers");
        var drivers = new DriversPage(session.Page);

        await drivers.ImportAsync("drivers.csv", csv + $"Nora National;0{national};yes;\r\n");

        await Assertions.Expect(drivers.ImportSummary).ToContainTextAsync("Imported 3 of 5 rows; 2 problems below (those lines were not imported).");
        await Assertions.Expect(drivers.ImportProblems).ToHaveCountAsync(2);
        var problems = await drivers.ImportProblems.AllInnerTextsAsync();
        problems[0].ShouldStartWith("5\tphone\tphone must be a phone number with its country code or as dialled in the tenant's country");
        problems[1].ShouldStartWith("6\tphone\tA driver with phone 436*******01 already exists.");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-csv-import");
        await session.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(drivers.ImportProblems.First).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(session.Page);
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-csv-import-phone");
        await session.Page.SetViewportSizeAsync(1280, 860);

        (await fixture.Host.Database.ScalarAsync<string>(
            "SELECT string_agg(d.full_name || '|' || s.is_subscribed || '|' || s.consent_source, ';' ORDER BY d.phone) FROM ops.drivers d " +
            "JOIN ops.broadcast_subscriptions s ON s.driver_id = d.id WHERE d.tenant_id = 1 AND d.phone IN ('436642000001', '436642000002', $1)", "43" + national))
            .ShouldBe("Huber; Karl|true|paper form;Eva Klein|false|csv_import;Nora National|true|csv_import");
        var eva = await DriverIdAsync("436642000002");
        await drivers.SearchAsync("Klein");
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(1);
        // The list shows the number masked, with the driver's name beside it; the full number is never sent to the browser.
        await Assertions.Expect(drivers.Row(eva)).ToContainTextAsync("Eva Klein");
        await Assertions.Expect(drivers.Row(eva)).ToContainTextAsync(UniqueData.Masked("436642000002"));
        (await session.Page.ContentAsync()).ShouldNotContain("436642000002");
        // A search written nationally finds the number stored in E.164.
        await drivers.SearchAsync("0" + national);
        await Assertions.Expect(drivers.Row(await DriverIdAsync("43" + national))).ToBeVisibleAsync();
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(1);
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_adds_a_driver_by_national_number_and_unsubscribes_them_after_confirming_while_Keep_changes_nothing()
    {
        var name = "Testfahrer " + UniqueData.Next().ToString("D5", CultureInfo.InvariantCulture);
        var digits = UniqueData.Phone("43664");
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drivers & Subscriptions", "drivers");
        var drivers = new DriversPage(session.Page);
        var dialog = new ActionDialog(session.Page);

        await drivers.FillFormAsync(name, "0" + digits[2..5] + " " + digits[5..]);
        await Assertions.Expect(session.Page.GetByTestId("driver-phone-field")).ToContainTextAsync("Saved as +" + digits);
        await session.Page.GetByTestId("save-driver").ClickAsync();
        await Assertions.Expect(dialog.Snackbar("Driver added")).ToBeVisibleAsync();
        var id = await DriverIdAsync(digits);
        await drivers.SearchAsync(name);
        // The searched list has replaced the full one before the switch is clicked.
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(drivers.Subscription(id)).ToBeCheckedAsync();

        await drivers.Subscription(id).ClickAsync();
        await Assertions.Expect(dialog.Consequence).ToHaveTextAsync($"Unsubscribe {name}? The driver gets no more broadcasts until subscribed again.");
        await dialog.KeepAsync();
        await Assertions.Expect(drivers.Subscription(id)).ToBeCheckedAsync();
        await Assertions.Expect(drivers.Search).ToHaveValueAsync(name);

        await drivers.Subscription(id).ClickAsync();
        await dialog.ConfirmAsync();

        // The snackbar comes once the change is stored (the switch itself flips at the click, before the question).
        await Assertions.Expect(dialog.Snackbar("Unsubscribed")).ToBeVisibleAsync();
        await ConsoleQuality.ShouldNotCoverPageButtonsAsync(session.Page, dialog.Snackbar("Unsubscribed"));
        await Assertions.Expect(drivers.Subscription(id)).Not.ToBeCheckedAsync();
        await Assertions.Expect(drivers.Row(id).GetByTestId("driver-consent")).ToHaveTextAsync("console");
        (await fixture.Host.Database.ScalarAsync<bool>(
            "SELECT s.is_subscribed FROM ops.broadcast_subscriptions s WHERE s.driver_id = $1", id)).ShouldBeFalse();
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-unsubscribed");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_and_page_live_in_the_URL_so_the_back_button_and_a_shared_link_show_the_same_drivers()
    {
        var prefix = "Blättern " + UniqueData.Next().ToString("D5", CultureInfo.InvariantCulture);
        var first = UniqueData.Next();
        // 23 drivers of this test: 20 on page 1, 3 on page 2 (sorted by name).
        await fixture.Host.Database.ExecuteAsync(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) SELECT 1, $1 || ' ' || lpad(g::text, 2, '0'), '43699' || (7000000 + $2 * 100 + g)::text FROM generate_series(1, 23) g",
            prefix, first);
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drivers & Subscriptions", "drivers");
        var drivers = new DriversPage(session.Page);

        await drivers.SearchAsync(prefix);
        await session.Page.WaitForURLAsync(url => new Uri(url).Query == "?q=" + Uri.EscapeDataString(prefix));
        await Assertions.Expect(drivers.PagerSummary).ToHaveTextAsync("Page 1 of 2 (23 drivers)");
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(20);
        await drivers.GoToPageAsync(2);
        await session.Page.WaitForURLAsync(new Regex(@"[?&]page=2"));
        await Assertions.Expect(drivers.PagerSummary).ToHaveTextAsync("Page 2 of 2 (23 drivers)");
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(3);
        await Assertions.Expect(drivers.Row($"{prefix} 23")).ToBeVisibleAsync();
        var shared = session.Page.Url;

        await session.Page.GoBackAsync();
        await Assertions.Expect(drivers.PagerSummary).ToHaveTextAsync("Page 1 of 2 (23 drivers)");
        await Assertions.Expect(drivers.Row($"{prefix} 01")).ToBeVisibleAsync();
        await session.Page.GoBackAsync();
        await Assertions.Expect(drivers.Search).ToHaveValueAsync("");
        // The whole list again (this test's drivers may well be on its first page: "B" sorts early).
        var all = await fixture.Host.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = 1");
        await Assertions.Expect(drivers.PagerSummary).ToContainTextAsync($"({all} drivers)");
        await session.Page.GoForwardAsync();
        await Assertions.Expect(drivers.Search).ToHaveValueAsync(prefix);
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(20);

        // A colleague opens the shared link: the same search, the same page.
        await using var colleague = await SignedIn.DispatcherAsync(fixture);
        await colleague.Page.GotoAsync(shared);
        var theirs = new DriversPage(colleague.Page);
        await Assertions.Expect(theirs.PagerSummary).ToHaveTextAsync("Page 2 of 2 (23 drivers)");
        await Assertions.Expect(theirs.Search).ToHaveValueAsync(prefix);
        await Assertions.Expect(theirs.Rows).ToHaveCountAsync(3);
        await ConsoleFixture.ScreenshotAsync(colleague.Page, "console-drivers-shared-link-page-2");
        session.Errors.ShouldBeEmpty();
        colleague.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task At_phone_width_each_driver_is_a_card_with_its_subscription_switch_and_edit_button()
    {
        await using var session = await SignedIn.AdminAsync(fixture, 390, 844);
        await session.GoToAsync("drivers?q=Max%20Mustermann");
        var drivers = new DriversPage(session.Page);
        var max = drivers.Row("Max Mustermann");

        await Assertions.Expect(max.GetByTestId("driver-subscription")).ToBeVisibleAsync();
        await Assertions.Expect(max.GetByTestId("edit-driver")).ToBeVisibleAsync();
        await Assertions.Expect(max.GetByTestId("edit-driver")).ToBeInViewportAsync();
        await ConsoleQuality.ShouldNotScrollSidewaysAsync(session.Page);
        await max.GetByTestId("edit-driver").ClickAsync();
        await Assertions.Expect(drivers.NameInput).ToHaveValueAsync("Max Mustermann");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-card-phone");
        session.Errors.ShouldBeEmpty();
    }
}
