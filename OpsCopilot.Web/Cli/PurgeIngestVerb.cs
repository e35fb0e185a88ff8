using System.Globalization;
using OpsCopilot.Data;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Web.Cli;

/// <summary>Runs the ingest retention sweep now: idempotency keys past retention, expired payload samples.</summary>
public static class PurgeIngestVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var days = context.Option("--older-than-days") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
                ? parsed
                : throw new CliUsageException("--older-than-days must be a whole number of days, at least 1.")
            : context.Configuration.GetValue($"{IngestOptions.Section}:{nameof(IngestOptions.DedupRetentionDays)}", new IngestOptions().DedupRetentionDays);

        var db = context.Services.GetRequiredService<OpsDbContext>();
        var result = await IngestRetention.PurgeAsync(db, TimeSpan.FromDays(days), CancellationToken.None);
        Console.WriteLine($"Purged {result.DedupKeysPurged} idempotency key(s) older than {days} day(s) and {result.WebhookLogsPurged} expired payload sample(s).");
        return 0;
    }
}
