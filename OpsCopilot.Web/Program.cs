using OpsCopilot.Web.Cli;
using OpsCopilot.Web.Hosting;

if (CliRunner.IsVerb(args))
    return await CliRunner.RunAsync(args);

// Settings files sit beside the assembly, wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOpsCopilot();

var app = builder.Build();
app.MapOpsCopilot();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
