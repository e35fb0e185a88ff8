using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Data.Identity;

/// <summary>Password, lockout and user rules shared by the host and the CLI.</summary>
public static class IdentityPolicy
{
    public static void Configure(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }
}
