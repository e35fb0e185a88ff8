using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Data.Pairing;

public sealed class PairingOptions
{
    public const string Section = "OpsCopilot:Pairing";

    /// <summary>Key of the code hash (HMAC), so a database dump alone cannot brute-force the million codes. Defaults to the webhook secret.</summary>
    public string? CodePepper { get; set; }

    [Range(1, 24 * 60)] public int InviteLifetimeMinutes { get; set; } = 15;
    [Range(1, 20)] public int MaxPendingInvitesPerUser { get; set; } = 3;
    [Range(1, 100)] public int MaxFailedAttemptsPerNumber { get; set; } = 5;
    [Range(1, 24 * 60)] public int FailedAttemptWindowMinutes { get; set; } = 15;
    [Range(1, 100_000)] public int MaxFailedAttemptsPerMinuteGlobally { get; set; } = 100;
}
