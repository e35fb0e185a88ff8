using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// Turns refusals into problem+json: a domain refusal keeps its message, malformed JSON names the problem,
/// an unreachable database is a 503 with Retry-After. Anything else stays a logged 500.
/// </summary>
public sealed class OpsExceptionHandler(IProblemDetailsService problems, ILogger<OpsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            OpsException ops => Problem(ops.Kind switch
            {
                OpsErrorKind.NotFound => StatusCodes.Status404NotFound,
                OpsErrorKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, ops.Kind == OpsErrorKind.Validation ? "Invalid request" : ops.Kind == OpsErrorKind.NotFound ? "Not found" : "Conflict", ops.Message, ops.Field, ops.Details),
            BadHttpRequestException bad => Problem(bad.StatusCode, "Invalid request", Describe(bad), FieldOf(bad)),
            // Also when EF wraps it (a DbUpdateException around a command timeout, a broken connection): the database's
            // wait was bounded, the transaction did not commit or its retry finds it done, so the client may retry.
            _ when DatabaseFailures.IsUnavailable(exception) => Unavailable(context),
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status >= 500) logger.LogWarning(exception, "Database unavailable");
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// What was wrong with the body, in the client's terms: a value of the wrong type names its JSON path, never the
    /// server's type names; a syntax error keeps System.Text.Json's line and position.
    /// </summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { Length: > 2 } path } json when json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            => $"'{path[2..]}' has the wrong type.",
        JsonException json => json.Message,
        _ => bad.Message,
    };

    private static string? FieldOf(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { Length: > 2 } path } ? path[2..] : null;

    private static ProblemDetails Problem(int status, string title, string detail, string? field, IReadOnlyDictionary<string, object?>? details = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        foreach (var (name, value) in details ?? new Dictionary<string, object?>()) problem.Extensions[name] = value;
        return problem;
    }

    private static ProblemDetails Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database is not reachable; retry shortly.", null);
    }
}
