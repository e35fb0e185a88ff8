using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Operations.Retention;

public sealed class RetentionOptions
{
    public const string Section = "OpsCopilot:Retention";

    /// <summary>Run the purge on a schedule and after webhook traffic. The CLI verb and RunAsync work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Scheduled runs this far apart (the first one shortly after start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Webhook traffic triggers a run at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AfterTrafficMinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ingest idempotency keys (ops.ingest_dedup) are kept this many days: replays within it stay duplicates.</summary>
    [Range(1, 3650)]
    public int IngestDedupDays { get; set; } = 7;

    /// <summary>Notifications that reached the provider (sent/delivered/read) are kept this many days; failed and dead stay.</summary>
    [Range(1, 3650)]
    public int NotificationDays { get; set; } = 30;

    /// <summary>Rows deleted per statement, per table: keeps locks and WAL bursts small.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5000;
}
