using OpsCopilot.Web.Components;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Features.Broadcasts;
using OpsCopilot.Web.Features.Conversations;
using OpsCopilot.Web.Features.Drafts;
using OpsCopilot.Web.Features.Drivers;
using OpsCopilot.Web.Features.Health;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Operations;
using OpsCopilot.Web.Features.Pairing;
using OpsCopilot.Web.Features.Tickets;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Web.Hosting;

public static class OpsCopilotPipeline
{
    public static WebApplication MapOpsCopilot(this WebApplication app)
    {
        app.UseTransport();
        app.UseOpsRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<TenantFromUserMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        var transport = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TransportOptions>>().Value;
        if (transport.OpenApi ?? !app.Environment.IsProduction()) app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapAuthApi();
        app.MapAccountEndpoints();
        app.MapOpsApiGroup()
            .MapPairingApi()
            .MapDraftsApi()
            .MapTicketsApi()
            .MapBroadcastApi()
            .MapDriversApi()
            .MapConversationsApi()
            .MapNotificationsApi();
        app.MapWhatsAppApi();
        app.MapOperations();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
