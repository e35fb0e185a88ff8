using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Account;

/// <summary>Console sessions and sign-in throttling (OpsCopilot:Sessions). docs/security.md explains the numbers.</summary>
public sealed class ConsoleSessionOptions
{
    public const string Section = "OpsCopilot:Sessions";

    /// <summary>A session without any request or open circuit for this long ends (sliding).</summary>
    [Range(1, 24 * 60)] public int IdleTimeoutMinutes { get; set; } = 120;

    /// <summary>Every session ends this long after sign-in, however active it is.</summary>
    [Range(1, 7 * 24)] public int AbsoluteLifetimeHours { get; set; } = 12;

    /// <summary>How often an open console circuit re-checks its session, role and account.</summary>
    [Range(1, 300)] public int RevalidationSeconds { get; set; } = 10;

    /// <summary>Password attempts per account and client address per 15 minutes before back-off starts.</summary>
    [Range(1, 100)] public int AttemptsPerAccountAndClient { get; set; } = 5;

    /// <summary>Password attempts per client address (any account) per 15 minutes before back-off starts.</summary>
    [Range(1, 10_000)] public int AttemptsPerClient { get; set; } = 30;

    /// <summary>Attempts on one account per hour (any client) above which every client gets one attempt per 15 minutes.</summary>
    [Range(1, 100_000)] public int AccountUnderAttackAttempts { get; set; } = 50;

    /// <summary>The first back-off once the allowance is used up; each further attempt doubles it.</summary>
    [Range(1, 3600)] public int BackoffBaseSeconds { get; set; } = 1;

    /// <summary>The longest back-off between two attempts.</summary>
    [Range(1, 3600)] public int MaxBackoffSeconds { get; set; } = 900;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteLifetimeHours);
}
