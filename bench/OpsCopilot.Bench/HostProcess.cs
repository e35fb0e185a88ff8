using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpsCopilot.Bench;

/// <summary>
/// The real host as an operator runs it (the same recipe as OpsCopilot.E2E's RunningHost): the built
/// OpsCopilot.Web.dll, its migrate and seed-demo verbs, then the server on a free loopback port, in Production.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "Bench-Admin-Password-1";
    public const string WebhookSecret = "bench-webhook-secret";
    public const int DemoTenantId = 1;

    private const int KeptLines = 400;
    private readonly Process process;
    private readonly Queue<string> output;

    private HostProcess(Process process, Queue<string> output, Uri baseUrl)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public int ProcessId => process.Id;

    /// <summary>The host's CPU seconds so far (user + system), read from outside.</summary>
    public double CpuSeconds => CpuClock.Process(process.Id) ?? throw new InvalidOperationException("The host exited:\n" + Output);

    /// <summary>The host's last log lines, for the report when something went wrong.</summary>
    public string Output { get { lock (output) return string.Join('\n', output); } }

    public static async Task<HostProcess> StartAsync(string webDll, BenchDatabase database, TextWriter log)
    {
        log.WriteLine($"Migrating and seeding {database.Name} with {webDll}");
        await RunVerbAsync(webDll, database, "migrate");
        await RunVerbAsync(webDll, database, "seed-demo");

        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var output = new Queue<string>();
        var process = Start(webDll, database, ["--urls", baseUrl.ToString().TrimEnd('/')], output);
        var host = new HostProcess(process, output, baseUrl);
        await host.WaitUntilReadyAsync();
        log.WriteLine($"Host ready on {baseUrl} (pid {process.Id})");
        return host;
    }

    private async Task WaitUntilReadyAsync()
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

    private static async Task RunVerbAsync(string dll, BenchDatabase database, string verb)
    {
        var output = new Queue<string>();
        using var process = Start(dll, database, [verb], output);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{verb} exited {process.ExitCode}:\n{string.Join('\n', output)}");
    }

    private static Process Start(string dll, BenchDatabase database, string[] args, Queue<string> output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Production, as operators run it: Information logging per message, no development sender.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__Migrations"] = database.OwnerConnectionString;
        start.Environment["CLAWDBOT_WEBHOOK_SECRET"] = WebhookSecret;
        start.Environment["OPS_DEMO_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["OPS_DEMO_DISPATCHER_PASSWORD"] = "Bench-Dispatcher-Password-1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(Queue<string> output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines) output.Dequeue();
        }
    }

    /// <summary>The Web build beside this bench's own configuration (Release from run.sh).</summary>
    public static string FindWebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsCopilot.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("Repository root not found; pass --web-dll.");
        var dll = Path.Combine(directory.FullName, "OpsCopilot.Web", "bin", configuration, "net10.0", "OpsCopilot.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build OpsCopilot.Web ({configuration}) first.", dll);
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
    }
}
