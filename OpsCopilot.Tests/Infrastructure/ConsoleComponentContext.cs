using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// bUnit with what the console's components need: MudBlazor's services (its JavaScript answered loosely), the
/// tenant's time zone (Vienna), a signed-in user with permissions and, when a test gives one, the real host's
/// services for the circuit's tenant, so a click reaches the real database through <see cref="TenantOperations"/>.
/// </summary>
public static class ConsoleComponentContext
{
    public static readonly TimeZoneInfo Vienna = TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna");

    public static BunitContext Create(IServiceProvider? host = null, int tenantId = 1, Guid? userId = null, params string[] permissions) =>
        Build(TimeProvider.System, null, host, tenantId, userId, permissions);

    /// <summary>A context whose clock is <paramref name="clock"/> (countdowns, "today").</summary>
    public static BunitContext Create(TimeProvider clock, IServiceProvider? host = null, int tenantId = 1, Guid? userId = null, params string[] permissions) =>
        Build(clock, null, host, tenantId, userId, permissions);

    /// <param name="configure">More services a component needs (a page's change feed, a feature's service), added before
    /// anything is resolved: bUnit refuses registrations after that.</param>
    public static BunitContext Create(Action<IServiceCollection>? configure, IServiceProvider? host, int tenantId, Guid? userId, params string[] permissions) =>
        Build(TimeProvider.System, configure, host, tenantId, userId, permissions);

    private static BunitContext Build(TimeProvider clock, Action<IServiceCollection>? configure, IServiceProvider? host, int tenantId, Guid? userId, string[] permissions)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        context.Services.AddSingleton(clock);
        context.Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        var tenant = new TenantContext();
        tenant.Use(tenantId);
        var scopes = (host ?? new ServiceCollection().BuildServiceProvider()).GetRequiredService<IServiceScopeFactory>();
        var operations = new TenantOperations(scopes, tenant);
        context.Services.AddSingleton(operations);
        // Draft buttons decide through the host's DraftDecisions (one of their own on the same scopes without a host).
        context.Services.AddSingleton(host?.GetService<OpsCopilot.Web.Features.Drafts.DraftDecisions>() ?? new OpsCopilot.Web.Features.Drafts.DraftDecisions(scopes));
        context.Services.AddSingleton(new TenantTime(operations, Vienna));
        // Buttons that wake the host's outbox worker (retry, drain) nudge the host's own signal.
        if (host?.GetService<OpsCopilot.Web.Features.Notifications.OutboxSignal>() is { } outbox) context.Services.AddSingleton(outbox);
        // Anything else a component asks for (options such as Identity's password rules) is the real host's.
        if (host is not null) context.Services.AddFallbackServiceProvider(host);
        configure?.Invoke(context.Services);
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized("anna@demo.local");
        authorization.SetClaims([
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, (userId ?? Guid.NewGuid()).ToString()),
            .. permissions.Select(p => new System.Security.Claims.Claim(Permissions.ClaimType, p)),
        ]);
        // As on a live circuit (pages load only then).
        context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>Dialogs and snackbars render into their providers, as in the layout.</summary>
    public static (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders(this BunitContext context) =>
        (context.Render<MudDialogProvider>(), context.Render<MudSnackbarProvider>());

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
