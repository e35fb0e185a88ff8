using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Bench;

/// <summary>
/// The real host as an operator runs it (<see cref="WebHostProcess"/>, the browser tests' launcher: migrate,
/// seed-demo, the server on a free loopback port), in Production, against the bench's database.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "Bench-Admin-Password-1";
    public const string WebhookSecret = "bench-webhook-secret";
    public const int DemoTenantId = 1;

    private readonly WebHostProcess process;

    private HostProcess(WebHostProcess process) => this.process = process;

    public Uri BaseUrl => process.BaseUrl;
    public int ProcessId => process.ProcessId;

    /// <summary>The host's CPU seconds so far (user + system), read from outside.</summary>
    public double CpuSeconds => CpuClock.Process(process.ProcessId) ?? throw new InvalidOperationException("The host exited:\n" + Output);

    /// <summary>The host's resident set size in MB (VmRSS from /proc), or NaN where /proc is missing.</summary>
    public double RssMegabytes
    {
        get
        {
            var status = $"/proc/{process.ProcessId}/status";
            if (!File.Exists(status)) return double.NaN;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN
                : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    /// <summary>The host's last log lines, for the report when something went wrong.</summary>
    public string Output => process.Output;

    public static async Task<HostProcess> StartAsync(string webDll, BenchDatabase database, TextWriter log)
    {
        log.WriteLine($"Migrating and seeding {database.Name} with {webDll}");
        var host = new HostProcess(await WebHostProcess.StartAsync(webDll, Environment(database)));
        log.WriteLine($"Host ready on {host.BaseUrl} (pid {host.ProcessId})");
        return host;
    }

    /// <summary>The host's settings against <paramref name="database"/> (the fault suite starts its hosts with them too).</summary>
    public static Dictionary<string, string> Environment(BenchDatabase database) => new()
    {
        // Production, as operators run it: Information logging per message, no development sender.
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // On loopback without TLS: name the host, and let the session cookie travel over plain HTTP (docs/security.md).
        ["AllowedHosts"] = "127.0.0.1;localhost",
        ["OpsCopilot__Transport__SecureCookies"] = "false",
        ["ConnectionStrings__Default"] = database.AppConnectionString,
        ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
        ["CLAWDBOT_WEBHOOK_SECRET"] = WebhookSecret,
        ["OPS_DEMO_ADMIN_PASSWORD"] = AdminPassword,
        ["OPS_DEMO_DISPATCHER_PASSWORD"] = "Bench-Dispatcher-Password-1",
    };

    /// <summary>The Web build beside this bench's own configuration (Release from run.sh).</summary>
    public static string FindWebDll() => WebHostProcess.FindWebDll();

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
