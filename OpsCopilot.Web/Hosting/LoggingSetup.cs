using Serilog;

namespace OpsCopilot.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>Serilog through Microsoft.Extensions.Logging (Serilog.AspNetCore is not usable here).</summary>
    public static void AddOpsLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
