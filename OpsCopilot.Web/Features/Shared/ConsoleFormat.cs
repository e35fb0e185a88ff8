using System.Globalization;

namespace OpsCopilot.Web.Features.Shared;

/// <summary>How the console writes times and phone numbers.</summary>
public static class ConsoleFormat
{
    /// <summary>Times are stored and shown in UTC, labelled as such.</summary>
    public static string Utc(DateTimeOffset? when) =>
        when is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>E.164 digits as people write them: "+436641000001".</summary>
    public static string Phone(string digits) => digits.StartsWith('+') ? digits : "+" + digits;
}
