using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Readiness: the database answers and no migration is pending.
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (OpsDbContext db, CancellationToken ct) =>
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                return pending.Count == 0
                    ? Results.Ok(new { status = "ready" })
                    : Results.Json(new { status = "migrations_pending", pending }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return Results.Json(new { status = "database_unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
