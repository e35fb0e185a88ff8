using OpsCopilot.Web.Cli;
using OpsCopilot.Web.Hosting;

if (CliRunner.IsVerb(args))
    return await CliRunner.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddOpsCopilot();

var app = builder.Build();
app.MapOpsCopilot();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
