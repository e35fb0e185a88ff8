using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// The API's one convention, in code and in /openapi/v1.json (ApiConventionTests walks the document and fails on a
/// route that breaks it):
/// <list type="bullet">
/// <item>snake_case everywhere: JSON properties, query and path parameters (the runbook's fields: <c>user_id</c>, <c>draft_id</c>).</item>
/// <item>Lists page on the server with <c>?page=&amp;page_size=</c> (<see cref="PageQuery"/>) and answer one envelope,
/// <c>{"items","total","page","page_size"}</c> (<see cref="ApiPage{T}"/>).</item>
/// <item>Every error is <c>application/problem+json</c> with <c>title</c>, <c>status</c>, <c>detail</c>, a stable
/// snake_case <c>error</c> code, <c>field</c> when one input is at fault, and <c>trace_id</c>. Endpoints refuse by
/// throwing <see cref="OpsCopilot.Data.OpsException"/> (written by <see cref="OpsExceptionHandler"/>); the webhooks
/// answer with WebhookProblems, whose codes gateways key on.</item>
/// <item>Session-authenticated writes live in <see cref="OpsApiGroup"/>: JSON bodies only (415 otherwise).</item>
/// </list>
/// </summary>
public static class ApiConventions
{
    public const string ProblemContentType = "application/problem+json";

    public const string Description = """
        Conventions of every route:

        * **snake_case** for JSON properties and for query and path parameters.
        * **Lists** page on the server: `?page=1&page_size=25` (page from 1; page_size 1 to 100, default 25). Every list
          answers `{"items": [...], "total": 120, "page": 1, "page_size": 25}`.
        * **Errors** are `application/problem+json`: `{"title", "status", "detail", "error": "<snake_case code>",
          "field": "<the input at fault, if one>", "trace_id"}`; a 503 carries `Retry-After`.
        * **Writes** under `/api/v1/ops` take `application/json` bodies only (send `{}` when there is nothing to say):
          with the SameSite=Strict `admin_session` cookie this is the API's CSRF defence. Sign in with
          `POST /api/v1/auth/login`.
        * **Webhooks** (`/api/v1/ops/whatsapp/*`) are authenticated by HMAC over the raw body, not by the cookie.
        """;

    /// <summary>Fills in what every problem answer carries: the <c>error</c> code (unless the writer chose one) and <c>trace_id</c>.</summary>
    public static void CustomizeProblems(ProblemDetailsOptions options) => options.CustomizeProblemDetails = context =>
    {
        var extensions = context.ProblemDetails.Extensions;
        if (!extensions.ContainsKey("error")) extensions["error"] = ErrorCode(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        // ASP.NET Core names it traceId; the API's names are snake_case.
        if (extensions.Remove("traceId", out var traceId)) extensions["trace_id"] = traceId;
    };

    public static string ErrorCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "not_signed_in",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "json_required",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => "http_" + status,
    };

    /// <summary>The OpenAPI document states the conventions where a reader starts: its description.</summary>
    public static void Document(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Description = Description;
        return Task.CompletedTask;
    });

    /// <summary>
    /// Documents the problem answers an endpoint of the session API can give: 400 (a bad query, body or id), 401 and
    /// 403 (cookie and permission), 404 when the route names a resource, 409 and 415 for writes, 503 (database down).
    /// </summary>
    public static void DescribeProblems(EndpointBuilder endpoint)
    {
        var write = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods)
            .Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method));
        var namesResource = endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 };
        List<int> statuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];
        if (namesResource) statuses.Add(StatusCodes.Status404NotFound);
        if (write) statuses.AddRange([StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType]);
        statuses.Add(StatusCodes.Status503ServiceUnavailable);
        Produces(endpoint, statuses);
    }

    /// <summary>Adds problem+json answers for the given statuses, unless the endpoint documents them already.</summary>
    public static void Produces(EndpointBuilder endpoint, IEnumerable<int> statuses)
    {
        var documented = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
        foreach (var status in statuses.Where(documented.Add))
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemContentType]));
    }

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => Produces(endpoint, statuses));
        return builder;
    }
}
