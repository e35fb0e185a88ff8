using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

public sealed class TemplatesPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("templates-grid").Locator("tbody tr");
    public ILocator Row(string key) => Rows.Filter(new() { Has = page.GetByTestId("template-row-key").GetByText(key, new() { Exact = true }) });
    public ILocator Editor => page.GetByTestId("template-editor");
    public ILocator Body => page.GetByTestId("template-body");
    public ILocator Params => page.GetByTestId("template-params");
    public ILocator Mismatch => page.GetByTestId("template-mismatch");
    public ILocator Error => page.GetByTestId("template-error");
    public ILocator Preview => page.GetByTestId("template-preview");
    public ILocator SaveButton => page.GetByTestId("save-template");
    public ILocator NewButton => page.GetByTestId("new-template");
    public ILocator Switches => page.GetByTestId("templates-grid").Locator(".rz-switch");

    public Task OpenAsync(string key) => Row(key).GetByTestId("open-template").ClickAsync();

    public Task SampleAsync(string name, string value) => page.GetByTestId($"sample-{name}").FillAsync(value);

    public Task SaveAsync() => SaveButton.ClickAsync();
}
