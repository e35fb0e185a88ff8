using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Data.Identity;

/// <summary>A console user: a tenant admin or dispatcher of exactly one tenant.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public int TenantId { get; set; }
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
