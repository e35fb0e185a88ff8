using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// The real host as an operator runs it: the built OpsCopilot.Web.dll, its migrate and seed-demo verbs, then the
/// server on a free loopback port, waiting for /readyz. Shared (as a linked source file) by the browser tests'
/// RunningHost and the ingest benchmark; internal so each assembly has its own copy.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;
    private readonly Process process;
    private readonly Queue<string> output;

    private WebHostProcess(Process process, Queue<string> output, Uri baseUrl)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>The host's last log lines.</summary>
    public string Output { get { lock (output) return string.Join('\n', output); } }

    /// <param name="environment">The host's settings (environment, connection strings, secrets); verbs get them too.</param>
    /// <param name="runVerbs">migrate and seed-demo first, as run.sh does; false is a plain restart of the server.</param>
    /// <param name="port">The loopback port to listen on (a restart keeps its address); a free one when null.</param>
    public static async Task<WebHostProcess> StartAsync(string webDll, IReadOnlyDictionary<string, string> environment, bool runVerbs = true,
        int? port = null)
    {
        if (runVerbs)
        {
            await RunVerbAsync(webDll, environment, "migrate");
            await RunVerbAsync(webDll, environment, "seed-demo");
        }

        var baseUrl = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var output = new Queue<string>();
        var process = Start(webDll, environment, ["--urls", baseUrl.ToString().TrimEnd('/')], output);
        var host = new WebHostProcess(process, output, baseUrl);
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>
    /// How long a start may take before it counts as hung. Generous on purpose: on a machine shared by many builds a
    /// healthy host has taken over a minute to answer; a host that fails exits, and that is reported at once.
    /// </summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(8);

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < StartLimit)
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
        throw new TimeoutException($"The host did not become ready within {StartLimit.TotalMinutes} minutes:\n" + Output);
    }

    /// <summary>Runs a CLI verb of the host (as an operator would, with <paramref name="stdin"/> typed in); its output.</summary>
    public static async Task<string> RunVerbAsync(string dll, IReadOnlyDictionary<string, string> environment, string[] args, string? stdin = null)
    {
        var output = new Queue<string>();
        using var process = Start(dll, environment, args, output, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync();
        var text = string.Join('\n', output);
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"{args[0]} exited {process.ExitCode}:\n{text}");
    }

    private static Task RunVerbAsync(string dll, IReadOnlyDictionary<string, string> environment, string verb) =>
        RunVerbAsync(dll, environment, [verb]);

    private static Process Start(string dll, IReadOnlyDictionary<string, string> environment, string[] args, Queue<string> output,
        bool redirectInput = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
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

    /// <summary>The Web build of the caller's own configuration (Debug or Release), found from the repository root.</summary>
    public static string FindWebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsCopilot.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("Repository root not found.");
        var dll = Path.Combine(directory.FullName, "OpsCopilot.Web", "bin", configuration, "net10.0", "OpsCopilot.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build OpsCopilot.Web ({configuration}) first.", dll);
    }

    public static int FreePort()
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
