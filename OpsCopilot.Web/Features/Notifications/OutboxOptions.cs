using System.ComponentModel.DataAnnotations;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Notifications;

public enum NotificationSenderKind
{
    /// <summary>Records messages in memory for the console's simulator; sends nothing.</summary>
    Development,
    /// <summary>POSTs signed JSON to the WhatsApp gateway (OpsCopilot:Gateway).</summary>
    Gateway,
    /// <summary>The WhatsApp Cloud API (OpsCopilot:CloudApi).</summary>
    CloudApi,
}

public sealed class OutboxOptions
{
    public const string Section = "OpsCopilot:Outbox";

    /// <summary>Run the outbox worker in this host. Off: rows stay queued for another host (or a later start).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where messages go. Unset: Development in the Development environment; anywhere else the worker then does
    /// not run (error log + alert) and notifications wait in the outbox.
    /// </summary>
    public NotificationSenderKind? Sender { get; set; }

    /// <summary>Rows claimed per round trip.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long the worker sleeps when nothing is due (new rows of this host wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A claimed row is this worker's for this long; after that another host re-sends it (same idempotency key).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts (transient failures) before a notification is dead and an alert goes out.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff after the first failure; doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the backoff and of an honoured Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>While a notification is younger than this, 429/503-with-Retry-After does not use up an attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ThrottleGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Messages per second per sending number (per host).</summary>
    [Range(0.01, 100_000)]
    public double RatePerSecond { get; set; } = 20;

    /// <summary>This many failed worker rounds in a row (database down, …) raise an alert.</summary>
    [Range(1, 1000)]
    public int AlertAfterConsecutiveFailures { get; set; } = 5;

    /// <summary>Refuse free text outside the recipient's 24-hour window for every sender (the Cloud API sender always does).</summary>
    public bool EnforceCustomerServiceWindow { get; set; } = true;

    public NotificationSenderKind? EffectiveSender(IHostEnvironment environment) =>
        Sender ?? (environment.IsDevelopment() ? NotificationSenderKind.Development : null);

    public RetryPolicy RetryPolicy() => new(MaxAttempts, BaseDelay, MaxDelay, ThrottleGrace);
}
