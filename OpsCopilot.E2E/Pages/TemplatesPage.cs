using Microsoft.Playwright;

namespace OpsCopilot.E2E.Pages;

/// <summary>Templates through test ids and roles: rows by template key, the editor's fields, the live preview.</summary>
public sealed class TemplatesPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("templates-grid");
    public ILocator Rows => Grid.Locator("tbody tr");
    public ILocator Row(string key) => Rows.Filter(new() { Has = page.Locator($"[data-template-key='{key}']") });
    public ILocator RowName(string key) => page.Locator($"[data-template-key='{key}']");
    public ILocator Editor => page.GetByTestId("template-editor");
    public ILocator EditorTitle => Editor.GetByRole(AriaRole.Heading, new() { Level = 2 });
    public ILocator Key => page.GetByTestId("template-key");
    public ILocator Body => page.GetByTestId("template-body");
    public ILocator Params => page.GetByTestId("template-params");
    public ILocator Mismatch => page.GetByTestId("template-mismatch");
    public ILocator Preview => page.GetByTestId("template-preview");
    public ILocator SaveButton => page.GetByTestId("save-template");
    public ILocator NewButton => page.GetByTestId("new-template");
    public ILocator Switches => Grid.GetByRole(AriaRole.Switch);
    public ILocator Approved(string key) => Row(key).GetByTestId("template-approved");

    public Task OpenAsync(string key) => Row(key).GetByTestId("open-template").ClickAsync();

    public Task SampleAsync(string name, string value) => page.GetByTestId($"sample-{name}").FillAsync(value);

    public Task SaveAsync() => SaveButton.ClickAsync();
}
