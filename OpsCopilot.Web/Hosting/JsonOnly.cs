namespace OpsCopilot.Web.Hosting;

/// <summary>
/// Writes must be JSON: a cross-site form cannot send that without a CORS preflight, which together with the
/// SameSite=Strict cookie is the API's CSRF defence (antiforgery tokens guard the console's forms).
/// </summary>
public static class JsonOnly
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !request.HasJsonContentType())
            return TypedResults.Problem("Send the request body as application/json (even if it is {}).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON required");
        return await next(context);
    }
}
