using Microsoft.Playwright;
using OpsCopilot.E2E.Infrastructure;
using OpsCopilot.E2E.Pages;

namespace OpsCopilot.E2E.Console;

[Collection(ConsoleCollection.Name)]
public sealed class DriversConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_CSV_import_with_two_good_and_two_bad_rows_imports_two_and_reports_the_two_errors_by_line()
    {
        const string csv = "\uFEFFfull_name;phone;subscribed;source\r\n" +
                           "\"Huber; Karl\";+43 664 2000001;ja;paper form\r\n" +
                           "Eva Klein;436642000002;no;\r\n" +
                           "\r\n" +
                           "Bad Number;12ab;yes;\r\n" +
                           "Max Again;+43 664 1000001;yes;\r\n";
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drivers & Subscriptions", "drivers");
        var drivers = new DriversPage(session.Page);

        await drivers.ImportAsync("drivers.csv", csv);

        await Assertions.Expect(drivers.ImportSummary).ToContainTextAsync("Imported 2 of 4 rows; 2 problems below (those lines were not imported).");
        await Assertions.Expect(drivers.ImportProblems).ToHaveCountAsync(2);
        var problems = await drivers.ImportProblems.AllInnerTextsAsync();
        problems[0].ShouldStartWith("5\tphone\tphone must be an international number");
        problems[1].ShouldStartWith("6\tphone\tA driver with phone 436*******01 already exists.");
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-csv-import");
        await session.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(drivers.ImportProblems.First).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-csv-import-phone");
        await session.Page.SetViewportSizeAsync(1280, 860);

        (await fixture.Host.Database.ScalarAsync<string>(
            "SELECT string_agg(d.full_name || '|' || s.is_subscribed || '|' || s.consent_source, ';' ORDER BY d.phone) FROM ops.drivers d " +
            "JOIN ops.broadcast_subscriptions s ON s.driver_id = d.id WHERE d.tenant_id = 1 AND d.phone IN ('436642000001', '436642000002')"))
            .ShouldBe("Huber; Karl|true|paper form;Eva Klein|false|csv_import");
        await drivers.SearchAsync("Klein");
        await Assertions.Expect(drivers.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(drivers.Row("Eva Klein")).ToContainTextAsync("+436642000002");
        session.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_adds_a_driver_and_unsubscribes_them_after_confirming()
    {
        var name = "Testfahrer " + UniqueData.Next().ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        var phone = UniqueData.Phone("43664");
        await using var session = await SignedIn.AdminAsync(fixture);
        await session.OpenAsync("Drivers & Subscriptions", "drivers");
        var drivers = new DriversPage(session.Page);

        await drivers.AddAsync(name, "+" + phone);
        await drivers.SearchAsync(name);
        await Assertions.Expect(drivers.Row(name).Locator(".rz-switch")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-switch-checked"));

        await drivers.ToggleSubscriptionAsync(name, "Unsubscribe");

        await Assertions.Expect(drivers.Row(name).Locator(".rz-switch")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("rz-switch-checked"));
        await Assertions.Expect(drivers.Row(name)).ToContainTextAsync("console");
        (await fixture.Host.Database.ScalarAsync<bool>(
            "SELECT s.is_subscribed FROM ops.broadcast_subscriptions s JOIN ops.drivers d ON d.id = s.driver_id WHERE d.phone = $1", phone)).ShouldBeFalse();
        await ConsoleFixture.ScreenshotAsync(session.Page, "console-drivers-unsubscribed");
        session.Errors.ShouldBeEmpty();
    }
}
