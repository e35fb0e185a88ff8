using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OpsCopilot.Faults;

/// <summary>
/// Debian's HAProxy in front of two hosts, configured the way docs/operations.md asks of any proxy: WebSockets with long
/// tunnel timeouts, a sticky cookie for the console (a Blazor circuit lives in one host's memory), round robin for the
/// stateless webhook, health checks on /healthz, and a retry on another host when a connection is refused.
/// </summary>
internal sealed class Haproxy : IAsyncDisposable
{
    public const string StickyCookie = "OPS_HOST";
    private readonly Process process;
    private readonly string configPath;

    private Haproxy(Process process, string configPath, int port)
    {
        this.process = process;
        this.configPath = configPath;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public static string Config(int port, IReadOnlyList<HostHandle> hosts)
    {
        string Servers(bool sticky) => string.Join("\n", hosts.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"    server {h.Name} 127.0.0.1:{h.Port} check inter 1s fall 2 rise 2{(sticky ? $" cookie {h.Name}" : "")}")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            global
                maxconn 4096

            defaults
                mode http
                option forwardfor
                # A refused connection (a dead host) is retried on another host; a request already sent is never resent.
                retries 3
                option redispatch 1
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                # Blazor circuits are WebSockets that stay open for the whole console session.
                timeout tunnel 1h
                timeout http-keep-alive 10s

            frontend ops_copilot
                bind 127.0.0.1:{port}
                acl webhook path_beg /api/v1/ops/whatsapp/
                use_backend webhook if webhook
                default_backend console

            backend webhook
                balance roundrobin
                option httpchk GET /healthz
            {Servers(sticky: false)}

            backend console
                balance roundrobin
                cookie {StickyCookie} insert indirect nocache httponly
                option httpchk GET /healthz
            {Servers(sticky: true)}
            """);
    }

    public static async Task<Haproxy> StartAsync(int port, IReadOnlyList<HostHandle> hosts, string workDirectory)
    {
        var configPath = Path.Combine(workDirectory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, Config(port, hosts) + "\n"); // HAProxy refuses a last line without LF
        var start = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-db", "-f", configPath }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start haproxy.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new Haproxy(process, configPath, port);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"haproxy exited with {process.ExitCode}; config {configPath}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        File.Delete(configPath);
    }
}
