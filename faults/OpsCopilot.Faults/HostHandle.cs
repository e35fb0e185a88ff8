using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Faults;

/// <summary>One real host process (the Release build, as an operator runs it) on a fixed port, killed and restarted there.</summary>
internal sealed class HostHandle(string webDll, IReadOnlyDictionary<string, string> environment, int port, string name) : IAsyncDisposable
{
    private WebHostProcess? process;

    public string Name => name;
    public int Port => port;
    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{port}/");
    public bool IsRunning => process is { HasExited: false };
    public string Output => process?.Output ?? "";

    /// <param name="runVerbs">migrate and seed-demo first (the first start); a restart is the server alone.</param>
    public async Task StartAsync(bool runVerbs = false)
    {
        if (IsRunning) throw new InvalidOperationException($"Host {name} is running already.");
        process = await WebHostProcess.StartAsync(webDll, environment, runVerbs, port);
    }

    /// <summary>kill -9 of the host process (SIGKILL, no shutdown).</summary>
    public async Task KillAsync()
    {
        if (process is null) return;
        await process.DisposeAsync();
        process = null;
    }

    public ValueTask DisposeAsync() => process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
