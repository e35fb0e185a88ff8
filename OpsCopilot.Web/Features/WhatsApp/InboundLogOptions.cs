using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>Sampled, masked inbound payloads in ops.webhook_logs, for short debugging windows.</summary>
public sealed class InboundLogOptions
{
    public const string Section = "OpsCopilot:InboundLog";

    /// <summary>WA_INBOUND_LOG_SAMPLE_RATE: share of accepted payloads stored, 0..1. Keep 0 in production.</summary>
    [Range(0.0, 1.0)]
    public double SampleRate { get; set; }

    /// <summary>WA_INBOUND_DEBUG_SNAPSHOT: store every accepted payload while true.</summary>
    public bool DebugSnapshot { get; set; }

    /// <summary>How long a stored payload is kept.</summary>
    [Range(1, 30)]
    public int RetentionDays { get; set; } = 3;
}
