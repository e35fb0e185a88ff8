using System.Globalization;
using System.Security.Claims;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Web.Features.Account;

public static class ClaimsPrincipalExtensions
{
    public static int? TenantId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Permissions.TenantClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.HasClaim(Permissions.ClaimType, permission);
}
