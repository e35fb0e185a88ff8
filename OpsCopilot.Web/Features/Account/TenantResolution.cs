using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.Account;

/// <summary>Sets the request's tenant from the signed-in user, for API calls and prerendering.</summary>
public sealed class TenantFromUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.TenantId() is { } tenantId) tenant.Use(tenantId);
        return next(context);
    }
}

/// <summary>A Blazor circuit has its own scope: give it the signed-in user's tenant before anything renders.</summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, TenantContext tenant) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.TenantId() is { } tenantId && tenant.TenantId is null) tenant.Use(tenantId);
    }
}
