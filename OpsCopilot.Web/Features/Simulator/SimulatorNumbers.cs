using System.Globalization;

namespace OpsCopilot.Web.Features.Simulator;

/// <summary>
/// Numbers the simulator may use for a new phone (to try pairing): 999 (an unassigned country code, so nobody's real
/// phone) + the tenant id in six digits + three to six digits of the admin's choice. The tenant id in the number
/// keeps one tenant's simulator numbers out of another's.
/// </summary>
public static class SimulatorNumbers
{
    public static string Prefix(int tenantId) => "999" + tenantId.ToString("D6", CultureInfo.InvariantCulture);

    public static string For(int tenantId, int suffix) => Prefix(tenantId) + suffix.ToString("D6", CultureInfo.InvariantCulture);
}
