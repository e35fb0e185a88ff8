using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Data.Identity;

public sealed class AppRole : IdentityRole<Guid>
{
    public const string TenantAdmin = "TenantAdmin";
    public const string Dispatcher = "Dispatcher";

    public static readonly IReadOnlyList<string> All = [TenantAdmin, Dispatcher];
}
