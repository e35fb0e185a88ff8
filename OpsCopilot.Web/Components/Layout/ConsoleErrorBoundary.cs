using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace OpsCopilot.Web.Components.Layout;

/// <summary>
/// The layout's error boundary: an exception in a page (a click that meets a database outage) replaces the page with
/// an error and a "Try again" button instead of ending the circuit, so the session and the rest of the shell stay.
/// </summary>
public sealed class ConsoleErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<ConsoleErrorBoundary> Logger { get; set; } = default!;

    public ConsoleErrorBoundary() => MaximumErrorCount = 1000;

    protected override Task OnErrorAsync(Exception exception)
    {
        Logger.LogError(exception, "A console page failed; the error is shown in place of the page");
        return Task.CompletedTask;
    }
}
