using System.Globalization;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>How the console says how long ago something was, and how long is left.</summary>
public static class Durations
{
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        if (elapsed < TimeSpan.FromSeconds(45)) return "just now";
        if (elapsed < TimeSpan.FromMinutes(90)) return $"{Math.Max(1, (int)Math.Round(elapsed.TotalMinutes))} min ago";
        if (elapsed < TimeSpan.FromHours(36)) return $"{(int)Math.Round(elapsed.TotalHours)} h ago";
        return $"{(int)Math.Round(elapsed.TotalDays)} days ago";
    }

    /// <summary>m:ss while under an hour (the draft expiry is minutes), else h:mm:ss; zero once it is over.</summary>
    public static string Countdown(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero) return "0:00";
        var whole = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds));
        return whole.TotalHours >= 1
            ? whole.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : $"{(int)whole.TotalMinutes}:{whole.Seconds:00}";
    }
}
