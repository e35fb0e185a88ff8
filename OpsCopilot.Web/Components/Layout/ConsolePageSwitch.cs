namespace OpsCopilot.Web.Components.Layout;

/// <summary>
/// A console page that exists only when its feature is switched on (the WhatsApp simulator). The feature
/// registers one; the menu lists the page only while <see cref="IsOn"/>, and the page answers 404 otherwise.
/// </summary>
public interface IConsolePageSwitch
{
    /// <summary>The page's path, as in <see cref="NavigationItem.Path"/>.</summary>
    string Path { get; }

    bool IsOn { get; }
}
