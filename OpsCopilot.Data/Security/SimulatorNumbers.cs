using System.Globalization;

namespace OpsCopilot.Data.Security;

/// <summary>
/// A tenant's reserved test numbers: 999 (an unassigned country code, so nobody's real phone) + the tenant id in six
/// digits + three to six digits of the admin's choice. The console's simulator may speak as them (also
/// ops.simulator_may_speak_as), the smoke test pairs and broadcasts to them, and the outbox delivers anything
/// addressed to them to its sink instead of the gateway (docs/security.md). The tenant id in the number keeps one
/// tenant's test numbers out of another's.
/// </summary>
public static class SimulatorNumbers
{
    private const int MinSuffixDigits = 3;
    private const int MaxSuffixDigits = 6;

    public static string Prefix(int tenantId) => "999" + tenantId.ToString("D6", CultureInfo.InvariantCulture);

    public static string For(int tenantId, int suffix) => Prefix(tenantId) + suffix.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="phone"/> (E.164 digits) is one of <paramref name="tenantId"/>'s test numbers.</summary>
    public static bool IsReserved(int tenantId, string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var prefix = Prefix(tenantId);
        if (!phone.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var suffix = phone.AsSpan(prefix.Length);
        return suffix.Length is >= MinSuffixDigits and <= MaxSuffixDigits && !suffix.ContainsAnyExceptInRange('0', '9');
    }
}
