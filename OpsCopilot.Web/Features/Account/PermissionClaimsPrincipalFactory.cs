using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;

namespace OpsCopilot.Web.Features.Account;

/// <summary>Puts the user's tenant and the ops_copilot.* permissions of their roles into the cookie principal.</summary>
public sealed class PermissionClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, OpsDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Permissions.TenantClaimType, user.TenantId.ToString(CultureInfo.InvariantCulture)));
        if (user.DisplayName is { Length: > 0 } name) identity.AddClaim(new Claim("display_name", name));

        var permissionKeys = await (
            from userRole in db.UserRoles
            join rolePermission in db.RolePermissions on userRole.RoleId equals rolePermission.RoleId
            join permission in db.Permissions on rolePermission.PermissionId equals permission.Id
            where userRole.UserId == user.Id
            select permission.PermissionKey).Distinct().ToListAsync();
        foreach (var key in permissionKeys)
            identity.AddClaim(new Claim(Permissions.ClaimType, key));
        return identity;
    }
}
