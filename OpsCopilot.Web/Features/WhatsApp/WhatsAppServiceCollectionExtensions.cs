using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.WhatsApp;

public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>The inbound channels and delivery receipts: options (validated at start), metrics, the exactly-once pipeline, retention.</summary>
    public static IServiceCollection AddWhatsAppChannels(this IServiceCollection services)
    {
        services.AddOptions<InboundLogOptions>().BindConfiguration(InboundLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<WhatsAppMetrics>();
        services.AddSingleton(sp => new WebhookSignatureVerifier(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<InboundPayloadLog>();
        services.AddSingleton<GatewayIngest>();
        services.AddSingleton<MetaWebhook>();
        services.AddSingleton<DeliveryStatusWebhook>();
        return services;
    }
}
