using OpsCopilot.Data;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.WhatsApp;

public static class WhatsAppApi
{
    /// <summary>
    /// The inbound channels and the gateway's delivery receipts. Authenticated by HMAC over the raw body, not by
    /// session: anonymous, and exempt from antiforgery (no cookie rides along). Refusals are problem+json
    /// (WebhookProblems) with the <c>error</c> codes gateways key on; docs/webhook.md is the contract.
    /// </summary>
    public static RouteGroupBuilder MapWhatsAppApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ops/whatsapp").WithTags("WhatsApp").AllowAnonymous().DisableAntiforgery();

        group.MapPost("/ingest", (HttpContext http, GatewayIngest ingest) => ingest.HandleAsync(http))
            .WithSummary("Inbound message from the WhatsApp gateway (HMAC-signed; idempotent by X-Request-Id / message_id)")
            .ProducesProblems(400, 401, 413, 500, 503);
        group.MapPost("/status", (HttpContext http, DeliveryStatusWebhook status, OpsDbContext db) => status.HandleAsync(http, db))
            .WithSummary("Delivery receipt from the WhatsApp gateway (HMAC-signed like ingest): sent, delivered, read or failed")
            .ProducesProblems(400, 401, 413, 500, 503);
        group.MapGet("/meta", (HttpContext http, MetaWebhook meta) => meta.Verify(http))
            .WithSummary("WhatsApp Cloud API subscription handshake")
            .ProducesProblems(403, 404);
        group.MapPost("/meta", (HttpContext http, MetaWebhook meta) => meta.ReceiveAsync(http))
            .WithSummary("WhatsApp Cloud API delivery (X-Hub-Signature-256): messages and statuses")
            .ProducesProblems(400, 401, 404, 413, 500, 503);
        return group;
    }
}
