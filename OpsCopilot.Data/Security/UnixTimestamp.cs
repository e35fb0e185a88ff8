using System.Globalization;

namespace OpsCopilot.Data.Security;

internal static class UnixTimestamp
{
    // Digits only: no sign, whitespace or exponent, so the signed text and the parsed value
    // cannot disagree about which instant was meant.
    public static bool TryParse(string text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    public static bool IsFresh(long seconds, DateTimeOffset now, TimeSpan tolerance)
    {
        // Both sides in whole seconds: the sender's clock only has that resolution.
        var age = now.ToUnixTimeSeconds() - seconds;
        return Math.Abs(age) <= (long)tolerance.TotalSeconds;
    }
}
