using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class DriversPage(IPage page)
{
    private readonly RadzenControls radzen = new(page);

    public ILocator Rows => page.GetByTestId("drivers-grid").Locator("tbody tr");
    public ILocator Row(string name) => Rows.Filter(new() { Has = page.GetByTestId("driver-row-name").GetByText(name, new() { Exact = true }) });
    public ILocator ImportSummary => page.GetByTestId("import-summary");
    public ILocator ImportProblems => page.GetByTestId("import-problem");

    public async Task SearchAsync(string text)
    {
        await page.GetByTestId("driver-search").FillAsync(text);
        await page.GetByTestId("driver-search").PressAsync("Enter");
    }

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

    public async Task AddAsync(string name, string phone)
    {
        await page.GetByTestId("new-driver").ClickAsync();
        await page.GetByTestId("driver-name").FillAsync(name);
        await page.GetByTestId("driver-phone").FillAsync(phone);
        await page.GetByTestId("save-driver").ClickAsync();
    }

    public async Task ToggleSubscriptionAsync(string name, string confirmButton)
    {
        await Row(name).GetByTestId("driver-subscription").ClickAsync();
        await radzen.AnswerConfirmAsync(confirmButton);
    }
}
