namespace OpsCopilot.Web.Features.WhatsApp;

public static class WhatsAppApi
{
    /// <summary>
    /// The inbound channels. Authenticated by HMAC over the raw body, not by session: anonymous, and exempt from
    /// antiforgery (no cookie rides along).
    /// </summary>
    public static RouteGroupBuilder MapWhatsAppApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ops/whatsapp").WithTags("WhatsApp").AllowAnonymous().DisableAntiforgery();

        group.MapPost("/ingest", (HttpContext http, GatewayIngest ingest) => ingest.HandleAsync(http))
            .WithSummary("Inbound message from the WhatsApp gateway (HMAC-signed; idempotent by X-Request-Id / message_id)");
        group.MapGet("/meta", (HttpContext http, MetaWebhook meta) => meta.Verify(http))
            .WithSummary("WhatsApp Cloud API subscription handshake");
        group.MapPost("/meta", (HttpContext http, MetaWebhook meta) => meta.ReceiveAsync(http))
            .WithSummary("WhatsApp Cloud API delivery (X-Hub-Signature-256): messages and statuses");
        return group;
    }
}
