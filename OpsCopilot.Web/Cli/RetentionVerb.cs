using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Web.Features.Operations.Retention;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// `retention`: runs the purge now with the configured OpsCopilot:Retention settings, validated like the host's
/// (like `call ops.wa_retention_purge();`, docs/runbooks.md).
/// </summary>
public static class RetentionVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var settings = context.Configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        // The host validates these at start; the verb binds them itself, so it checks the same rules (exit 1 with the reason).
        var validation = new DataAnnotationValidateOptions<RetentionOptions>(null).Validate(null, settings);
        if (validation.Failed) throw new OptionsValidationException(RetentionOptions.Section, typeof(RetentionOptions), validation.Failures);
        var service = new RetentionService(context.Services.GetRequiredService<OpsDbContext>(), Options.Create(settings),
            context.Services.GetRequiredService<ILogger<RetentionService>>());
        var result = await service.RunAsync(CancellationToken.None);
        if (!result.Ran)
        {
            Console.WriteLine("Another instance is running retention right now; nothing done.");
            return 0;
        }
        Console.WriteLine($"RETENTION_WA_EVENTS_PURGED {result.IngestDedupPurged} (ops.ingest_dedup older than {settings.IngestDedupDays} days)");
        Console.WriteLine($"RETENTION_WEBHOOK_LOGS_PURGED {result.WebhookLogsPurged} (expired ops.webhook_logs)");
        Console.WriteLine($"RETENTION_NOTIFICATIONS_PURGED {result.NotificationsPurged} (delivered ops.notifications older than {settings.NotificationDays} days)");
        return 0;
    }
}
