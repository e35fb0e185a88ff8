using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>
/// The real host as an operator runs it: the built OpsCopilot.Web.dll, its CLI verbs for migrate and
/// seed-demo, then the server on a free loopback port, against a throwaway database.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "E2e-Admin-Password";
    public const string DispatcherEmail = "dispatcher@demo.local";
    public const string DispatcherPassword = "E2e-Dispatcher-Password";
    public const string WebhookSecret = "e2e-webhook-secret";
    /// <summary>OpsCopilot:WhatsApp:GatewayNumber of the host: the pairing QR code links to wa.me/&lt;this&gt;.</summary>
    public const string GatewayNumber = "436649990000";

    private readonly Process process;
    private readonly StringBuilder output;

    private RunningHost(TestDatabase database, Process process, StringBuilder output, Uri baseUrl)
    {
        Database = database;
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public TestDatabase Database { get; }
    public Uri BaseUrl { get; }
    public string Output { get { lock (output) return output.ToString(); } }

    public static async Task<RunningHost> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var dll = WebDll();
        await RunVerbAsync(dll, database, "migrate");
        await RunVerbAsync(dll, database, "seed-demo");

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var output = new StringBuilder();
        var process = Start(dll, database, ["--urls", baseUrl.ToString().TrimEnd('/')], output);
        var host = new RunningHost(database, process, output, baseUrl);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException("The host exited:\n" + Output);
            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not become ready:\n" + Output);
    }

    private static async Task RunVerbAsync(string dll, TestDatabase database, string verb)
    {
        var output = new StringBuilder();
        using var process = Start(dll, database, [verb], output);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{verb} exited {process.ExitCode}:\n{output}");
    }

    private static Process Start(string dll, TestDatabase database, string[] args, StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__Migrations"] = database.OwnerConnectionString;
        start.Environment["CLAWDBOT_WEBHOOK_SECRET"] = WebhookSecret;
        start.Environment["OpsCopilot__WhatsApp__GatewayNumber"] = GatewayNumber;
        // On by default in Development anyway; said here because the simulator tests depend on it.
        start.Environment["OpsCopilot__Simulator__Enabled"] = "true";
        start.Environment["OPS_DEMO_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["OPS_DEMO_DISPATCHER_PASSWORD"] = DispatcherPassword;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string WebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsCopilot.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("Repository root not found.");
        var dll = Path.Combine(directory.FullName, "OpsCopilot.Web", "bin", configuration, "net10.0", "OpsCopilot.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build OpsCopilot.Web first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        // The host's log beside the screenshots: what the server saw when a browser test failed.
        var directory = Environment.GetEnvironmentVariable("OPS_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "host.log"), Output);
        await Database.DisposeAsync();
    }
}
