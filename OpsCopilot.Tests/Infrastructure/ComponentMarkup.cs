using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's HtmlRenderer (bUnit cannot be used here): for components
/// whose markup carries logic. Interaction is Playwright's job.
/// </summary>
public static class ComponentMarkup
{
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters, TimeProvider? clock = null)
        where TComponent : IComponent
    {
        await using var services = Services(clock ?? TimeProvider.System);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private static ServiceProvider Services(TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IJSRuntime, NoJavaScript>();
        services.AddSingleton<NavigationManager, FixedNavigation>();
        services.AddMudServices();
        services.AddScoped<TenantContext>();
        services.AddScoped<TenantOperations>();
        return services.BuildServiceProvider();
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation() => Initialize("http://console.test/", "http://console.test/");
    }
}
