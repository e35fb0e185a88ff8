using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Account;

/// <summary>
/// An open console circuit re-checks its session every few seconds (OpsCopilot:Sessions:RevalidationSeconds), in a
/// scope of its own: after logout elsewhere, a role change or a deactivation the circuit's user becomes anonymous, and
/// the router sends the browser to the login page.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IOptionsMonitor<ConsoleSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.CurrentValue.RevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ServerSessions>().IsValidAsync(authenticationState.User, cancellationToken);
    }
}
