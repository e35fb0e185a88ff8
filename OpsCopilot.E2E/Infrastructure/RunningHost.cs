using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>
/// The real host as an operator runs it (<see cref="WebHostProcess"/>: migrate, seed-demo, the server on a free
/// loopback port), in Development, against a throwaway database.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "E2e-Admin-Password";
    public const string DispatcherEmail = "dispatcher@demo.local";
    public const string DispatcherPassword = "E2e-Dispatcher-Password";
    /// <summary>The demo dispatcher's display name: lists show it beside the masked phone.</summary>
    public const string DispatcherName = "Demo Dispatcher";
    public const string WebhookSecret = "e2e-webhook-secret";
    /// <summary>OpsCopilot:WhatsApp:GatewayNumber of the host: the pairing QR code links to wa.me/&lt;this&gt;.</summary>
    public const string GatewayNumber = "436649990000";

    private readonly WebHostProcess process;

    private RunningHost(TestDatabase database, WebHostProcess process)
    {
        Database = database;
        this.process = process;
    }

    public TestDatabase Database { get; }
    public Uri BaseUrl => process.BaseUrl;
    public string Output => process.Output;

    public static async Task<RunningHost> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        try
        {
            return new RunningHost(database, await WebHostProcess.StartAsync(WebHostProcess.FindWebDll(), Settings(database)));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A CLI verb against this host's database, e.g. create-tenant; <paramref name="stdin"/> is typed in.</summary>
    public Task<string> RunVerbAsync(string[] args, string? stdin = null) =>
        WebHostProcess.RunVerbAsync(WebHostProcess.FindWebDll(), Settings(Database), args, stdin);

    private static Dictionary<string, string> Settings(TestDatabase database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Default"] = database.AppConnectionString,
        ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
        ["CLAWDBOT_WEBHOOK_SECRET"] = WebhookSecret,
        ["OpsCopilot__WhatsApp__GatewayNumber"] = GatewayNumber,
        // On by default in Development anyway; said here because the simulator tests depend on it.
        ["OpsCopilot__Simulator__Enabled"] = "true",
        ["OPS_DEMO_ADMIN_PASSWORD"] = AdminPassword,
        ["OPS_DEMO_DISPATCHER_PASSWORD"] = DispatcherPassword,
    };

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        // The host's log beside the screenshots: what the server saw when a browser test failed.
        var directory = Environment.GetEnvironmentVariable("OPS_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "host.log"), Output);
        await Database.DisposeAsync();
    }
}
