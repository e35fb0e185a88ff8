using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Notifications.Senders;
using OpsCopilot.Web.Features.Operations;

namespace OpsCopilot.Web.Features.Notifications;

public static class OutboxServiceCollectionExtensions
{
    public const string WebhookSecretKey = "OpsCopilot:Webhook:Secret";

    /// <summary>
    /// The outbox worker, its senders (chosen by OpsCopilot:Outbox:Sender), pacing, metrics and the operator
    /// service. Needs AddOpsData; brings alerting along. Works in any generic host, not only the web host.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddAlerts();

        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(o.Secret)) o.Secret = configuration[WebhookSecretKey];
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CloudApiOptions>().BindConfiguration(CloudApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient(GatewayNotificationSender.HttpClientName);
        services.AddHttpClient(CloudApiNotificationSender.HttpClientName);
        services.TryAddSingleton<DevelopmentOutbox>();
        services.TryAddSingleton<DevelopmentNotificationSender>();
        services.TryAddSingleton<TestNumberSink>();
        services.TryAddSingleton<GatewayNotificationSender>();
        services.TryAddSingleton<CloudApiNotificationSender>();
        services.TryAddSingleton<INotificationSender>(ChooseSender);

        services.TryAddSingleton<SendPacer>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxMetrics>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddScoped<NotificationAdministration>();
        services.TryAddSingleton<WebhookSignatureVerifier>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }

    private static INotificationSender ChooseSender(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        return options.EffectiveSender(services.GetRequiredService<IHostEnvironment>()) switch
        {
            NotificationSenderKind.Gateway => services.GetRequiredService<GatewayNotificationSender>(),
            NotificationSenderKind.CloudApi => services.GetRequiredService<CloudApiNotificationSender>(),
            NotificationSenderKind.Development => services.GetRequiredService<DevelopmentNotificationSender>(),
            _ => throw new InvalidOperationException("No notification sender is configured: set OpsCopilot:Outbox:Sender (Gateway, CloudApi or Development)."),
        };
    }
}
