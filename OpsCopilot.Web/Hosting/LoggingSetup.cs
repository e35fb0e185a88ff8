using OpsCopilot.Data.Security;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// Serilog for the host (Serilog.AspNetCore). Production and every other non-Development environment write one
/// compact JSON object per line to the console (CLEF: a newline inside a value is escaped, so a message cannot forge
/// a second line); Development writes the readable one-line format. Levels come from the "Serilog" section.
/// </summary>
internal static class LoggingSetup
{
    public const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The request line: method, route template, status and elapsed time — never a path, query or body.</summary>
    public const string RequestTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms";

    public static void AddOpsLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var readable = builder.Environment.IsDevelopment();
        // The framework's own console provider would write every event a second time.
        builder.Logging.ClearProviders();
        // writeToProviders: providers registered in DI (the tests' log capture) still see every event.
        // preserveStaticLogger: several hosts may share a process (tests); none takes over Serilog's static Log.
        builder.Services.AddSerilog((_, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext().Enrich.With<WithoutRequestPath>();
            if (readable) logger.WriteTo.Console(outputTemplate: ReadableTemplate);
            else logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        }, preserveStaticLogger: true, writeToProviders: true);
    }

    /// <summary>One line per request, written when the response is done.</summary>
    public static void UseOpsRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = RequestTemplate;
            o.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
            o.GetMessageTemplateProperties = (http, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RouteTemplate", new ScalarValue(RouteTemplate(http))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });

    /// <summary>
    /// ASP.NET Core's request scope puts the raw path on every event of a request; a path can hold a number or a code,
    /// and RequestId (plus the trace ids) already tie the events of one request together.
    /// </summary>
    private sealed class WithoutRequestPath : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
    }

    /// <summary>
    /// The matched endpoint's template (ids, numbers and codes stay out); a request that matched none (static files,
    /// 404s) logs its path with anything that looks like a phone number or code masked.
    /// </summary>
    internal static string RouteTemplate(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : SensitiveText.Mask(http.Request.Path.Value);
}
