using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Data.Pairing;

public sealed class PairingOptions
{
    public const string Section = "OpsCopilot:Pairing";

    /// <summary>Key of the code hash (HMAC), so a database dump alone cannot brute-force the million codes. Defaults to the webhook secret.</summary>
    public string? CodePepper { get; set; }

    [Range(1, 24 * 60)] public int InviteLifetimeMinutes { get; set; } = 15;
    [Range(1, 20)] public int MaxPendingInvitesPerUser { get; set; } = 3;
    /// <summary>Failed guesses per number per 24 hours.</summary>
    [Range(1, 100)] public int MaxFailedAttemptsPerNumber { get; set; } = 5;

    /// <summary>Checked failed guesses across all numbers per minute (docs/security.md: the arithmetic).</summary>
    [Range(1, 100_000)] public int MaxFailedAttemptsPerMinuteGlobally { get; set; } = 20;

    /// <summary>Checked failed guesses across all numbers per 24 hours.</summary>
    [Range(1, 10_000_000)] public int MaxFailedAttemptsPerDayGlobally { get; set; } = 10_000;

    /// <summary>
    /// While a global budget is used up, a number still has its guesses checked until it has failed this often in
    /// 24 hours: the holder of a real code pairs whatever an attacker does, and may mistype once.
    /// </summary>
    [Range(1, 100)] public int GuessesPerNumberWhileSaturated { get; set; } = 2;

    /// <summary>Live (pending, unexpired) codes per tenant: bounds what a tenant exposes to guessing.</summary>
    [Range(1, 1000)] public int MaxLiveInvitesPerTenant { get; set; } = 25;
}
