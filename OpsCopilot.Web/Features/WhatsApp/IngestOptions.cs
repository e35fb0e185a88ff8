using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.WhatsApp;

public sealed class IngestOptions
{
    public const string Section = "OpsCopilot:Ingest";

    /// <summary>Idempotency keys are kept this long, then purged: a gateway retry later than that is processed again.</summary>
    [Range(1, 365)]
    public int DedupRetentionDays { get; set; } = 7;

    /// <summary>Minutes between retention sweeps of ops.ingest_dedup and ops.webhook_logs; 0 turns the sweep off.</summary>
    [Range(0, 1440)]
    public int RetentionSweepMinutes { get; set; } = 60;
}
