using System.Globalization;

namespace OpsCopilot.Data.Outbox;

/// <summary>
/// WhatsApp delivers free text only within 24 hours of the recipient's last message to us; outside that
/// window only approved templates go through. Refusing here gives the operator a reason instead of a
/// provider error code.
/// </summary>
public static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static bool IsOpen(DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        lastInboundAt is { } at && now - at < Length;

    /// <summary>Null when free text may be sent; otherwise why not.</summary>
    public static string? RefusalForFreeText(DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        IsOpen(lastInboundAt, now)
            ? null
            : "free text refused before sending: the recipient's 24-hour WhatsApp window is closed ("
              + (lastInboundAt is { } at
                  ? "last inbound message " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                  : "no inbound message on record")
              + "); only an approved template can be sent";
}
