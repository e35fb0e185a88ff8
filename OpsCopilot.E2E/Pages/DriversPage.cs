using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>Drivers through test ids and roles: rows by driver id (or a unique name), the search, the form, the import.</summary>
public sealed class DriversPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("drivers-grid");
    public ILocator Rows => Grid.Locator("tbody tr").Filter(new() { Has = page.GetByTestId("driver-row") });
    public ILocator Row(Guid id) => Rows.Filter(new() { Has = page.Locator($"[data-driver-id='{id}']") });
    /// <summary>For the demo drivers, whose names are unique; a test's own drivers are found by id.</summary>
    public ILocator Row(string name) => Rows.Filter(new() { Has = page.GetByTestId("driver-row-name").GetByText(name, new() { Exact = true }) });
    public ILocator Search => page.GetByTestId("driver-search");
    public ILocator PagerSummary => page.GetByTestId("drivers-grid-pager-summary");
    public ILocator Switches => Grid.GetByRole(AriaRole.Switch);
    public ILocator Subscription(Guid id) => Row(id).GetByTestId("driver-subscription");
    public ILocator Form => page.GetByTestId("driver-form");
    public ILocator NameInput => page.GetByTestId("driver-name");
    public ILocator PhoneInput => page.GetByTestId("driver-phone");
    public ILocator ImportSummary => page.GetByTestId("import-summary");
    public ILocator ImportProblems => page.GetByTestId("import-problem");

    /// <summary>Searches and waits until the address carries it (the list reloads from the URL).</summary>
    public async Task SearchAsync(string text)
    {
        await Search.FillAsync(text);
        await Search.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q="));
    }

    public Task GoToPageAsync(int number) =>
        page.GetByTestId("drivers-grid-pager").GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^(Page )?{number}$") }).ClickAsync();

    public async Task ImportAsync(string fileName, string csv)
    {
        await page.GetByTestId("open-import").ClickAsync();
        await page.GetByTestId("csv-file").SetInputFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await Assertions.Expect(page.GetByTestId("import-csv")).ToBeEnabledAsync();
        await page.GetByTestId("import-csv").ClickAsync();
        await Assertions.Expect(ImportSummary).ToBeVisibleAsync();
    }

    public async Task FillFormAsync(string name, string phone)
    {
        await page.GetByTestId("new-driver").ClickAsync();
        await NameInput.FillAsync(name);
        await PhoneInput.FillAsync(phone);
    }

    public async Task AddAsync(string name, string phone)
    {
        await FillFormAsync(name, phone);
        await page.GetByTestId("save-driver").ClickAsync();
        await Assertions.Expect(Form).ToHaveCountAsync(0);
    }
}
