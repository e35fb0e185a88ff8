using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Data.Identity;

/// <summary>Password, lockout and user rules shared by the host and the CLI.</summary>
public static class IdentityPolicy
{
    /// <summary>ASVS 5.0 §6.2.1: at least 12 characters.</summary>
    public const int MinimumPasswordLength = 12;

    public static void Configure(IdentityOptions options)
    {
        // Emails are unique within a tenant (row-level security scopes Identity's lookups; the index is per tenant).
        options.User.RequireUniqueEmail = true;
        // ASVS 5.0 §6.2: length and a check against common passwords (CommonPasswordValidator), no composition rules.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        // Failed passwords never lock an account (anyone could lock anyone out): sign-in backs off per account and
        // client instead (auth.sign_in_attempt). Lock-out is only how an admin deactivates a user.
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
    }
}
