using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.Account;

public enum SignInOutcome
{
    SignedIn,
    Failed,
    Throttled,
}

/// <param name="RetryAfter">For <see cref="SignInOutcome.Throttled"/>: how long to wait.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User, TimeSpan RetryAfter)
{
    public const string WrongCredentials = "Email or password is wrong.";

    public string Describe() => Outcome switch
    {
        SignInOutcome.Throttled => $"Too many sign-in attempts. Try again in {Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds))} seconds.",
        SignInOutcome.Failed => WrongCredentials,
        _ => "",
    };
}

/// <summary>
/// Password sign-in for the console form and the API (ASVS 5.0 §6.3): throttled per account and client address in the
/// database with back-off instead of a lock-out anyone could trigger; one password hash verification whatever the
/// outcome (an unknown email verifies a dummy hash), so timing tells nothing; the account is found across tenants
/// only as (tenant, id) pairs, and read under its tenant's row-level security.
/// </summary>
public sealed class SignInService(
    IServiceScopeFactory scopes,
    OpsDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    IOptionsMonitor<ConsoleSessionOptions> options,
    TimeProvider clock)
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public async Task<SignInAttempt> PasswordSignInAsync(string email, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        var normalizedEmail = users.NormalizeEmail(email.Trim()) ?? "";
        var accountHash = Fingerprint("account", normalizedEmail);
        var clientHash = Fingerprint("client", client?.ToString() ?? "unknown");
        var settings = options.CurrentValue;

        var waitSeconds = (await db.Database.SqlQuery<int>($"""
            SELECT auth.sign_in_attempt({accountHash}, {clientHash}, {settings.AttemptsPerAccountAndClient}, {settings.AttemptsPerClient},
                                        {settings.AccountUnderAttackAttempts}, {settings.BackoffBaseSeconds}, {settings.MaxBackoffSeconds}) AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        if (waitSeconds > 0) return new SignInAttempt(SignInOutcome.Throttled, null, TimeSpan.FromSeconds(waitSeconds));

        var match = await FindMatchAsync(normalizedEmail, password, cancellationToken);
        if (match is null) return new SignInAttempt(SignInOutcome.Failed, null, TimeSpan.Zero);

        // The request now works for the account's tenant: Identity reads the user and writes the session under RLS.
        await db.UseTenantAsync(match.Value.TenantId, cancellationToken);
        var user = await users.FindByIdAsync(match.Value.UserId.ToString());
        if (user is null) return new SignInAttempt(SignInOutcome.Failed, null, TimeSpan.Zero);
        await signIn.SignInAsync(user, isPersistent: false);
        await db.Database.ExecuteSqlAsync($"SELECT auth.sign_in_succeeded({accountHash}, {clientHash})", cancellationToken);
        return new SignInAttempt(SignInOutcome.SignedIn, user, TimeSpan.Zero);
    }

    /// <summary>
    /// The account this password opens. Each candidate (an email is unique per tenant) is read in a scope of its own
    /// tenant; without any, a dummy hash is verified so an unknown email costs the same time as a known one.
    /// A deactivated account never matches (after its hash was verified, for the same reason).
    /// </summary>
    private async Task<(int TenantId, Guid UserId)?> FindMatchAsync(string normalizedEmail, string password, CancellationToken cancellationToken)
    {
        var candidates = await db.Database.SqlQuery<Candidate>($"""
            SELECT tenant_id AS "TenantId", user_id AS "UserId" FROM auth.sign_in_candidates({normalizedEmail})
            """).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            return null;
        }

        (int, Guid)? match = null;
        foreach (var candidate in candidates)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(candidate.TenantId);
            var user = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Users.AsNoTracking()
                .SingleOrDefaultAsync(u => u.Id == candidate.UserId, cancellationToken);
            var verified = hasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? DummyHash.Value, password)
                != PasswordVerificationResult.Failed;
            if (verified && user is not null && !(user.LockoutEnd > clock.GetUtcNow()) && match is null)
                match = (candidate.TenantId, candidate.UserId);
        }
        return match;
    }

    /// <summary>What the throttle keeps of an email or address: a hash, never the value.</summary>
    private static string Fingerprint(string kind, string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ops-copilot:sign-in:" + kind + ":" + value)));

    private sealed record Candidate(int TenantId, Guid UserId);
}
