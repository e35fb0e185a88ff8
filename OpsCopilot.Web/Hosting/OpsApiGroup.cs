namespace OpsCopilot.Web.Hosting;

public static class OpsApiGroup
{
    /// <summary>
    /// /api/v1/ops: cookie-authenticated, permission-authorised per endpoint, problem+json errors. Writes must be
    /// JSON — a cross-site form cannot send that without a CORS preflight, which together with the SameSite=Strict
    /// cookie is this API's CSRF defence (antiforgery tokens guard the console's forms). Every endpoint documents the
    /// problem answers it can give (<see cref="ApiConventions.DescribeProblems"/>).
    /// </summary>
    public static RouteGroupBuilder MapOpsApiGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ops").RequireAuthorization().AddEndpointFilter(JsonOnly.Filter);
        ((IEndpointConventionBuilder)group).Add(ApiConventions.DescribeProblems);
        return group;
    }
}
