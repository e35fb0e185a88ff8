using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Web.Features.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadinessProbe>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Readiness: the database answers (within the readiness budget) and no
        // migration is pending.
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (ReadinessProbe probe, HttpContext http, CancellationToken ct) =>
        {
            var readiness = await probe.CheckAsync(ct);
            if (readiness.IsReady) return Results.Ok(new { status = readiness.Status });
            http.Response.Headers.RetryAfter = WebhookProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return readiness.Pending is { } pending
                ? Results.Json(new { status = readiness.Status, pending }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Json(new { status = readiness.Status }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
