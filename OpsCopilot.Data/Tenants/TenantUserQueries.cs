using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Tenants;

/// <summary>The console's list of the tenant's users, one page at a time (auth.* is outside RLS: the tenant is filtered here).</summary>
public sealed class TenantUserQueries(OpsDbContext db)
{
    /// <summary>Users ordered by email; <paramref name="search"/> matches a part of the email or the display name.</summary>
    public async Task<Page<TenantUserRow>> PageAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Paging.Normalize(page, pageSize);
        var tenantId = db.Tenant.Required;
        var users = db.Users.AsNoTracking().Where(u => u.TenantId == tenantId);
        if (search?.Trim() is { Length: > 0 } text)
        {
            var pattern = LikePatterns.Containing(text);
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern, LikePatterns.Escape)
                                     || (u.DisplayName != null && EF.Functions.ILike(u.DisplayName, pattern, LikePatterns.Escape)));
        }
        var total = await users.CountAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var rows = await (
            from user in users
            orderby user.Email, user.Id
            select new
            {
                user.Id, user.Email, user.DisplayName, user.CreatedAt,
                Active = user.LockoutEnd == null || user.LockoutEnd <= now,
                Role = (from userRole in db.UserRoles
                        join role in db.Roles on userRole.RoleId equals role.Id
                        where userRole.UserId == user.Id
                        orderby role.Name
                        select role.Name).FirstOrDefault(),
            }).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<TenantUserRow>(rows.Select(r => new TenantUserRow(r.Id, r.Email ?? "", r.DisplayName, r.Role, r.CreatedAt, r.Active)).ToList(),
            total, page, pageSize);
    }
}
