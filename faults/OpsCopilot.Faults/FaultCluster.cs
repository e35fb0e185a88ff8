using System.Diagnostics;
using System.Globalization;

namespace OpsCopilot.Faults;

/// <summary>
/// The suite's own PostgreSQL cluster (scripts/db.sh with its own directory and port, so the normal cluster is never
/// touched), and the faults done to it: restarts fast and immediate, kill -9 of the postmaster, a stop, a freeze.
/// Its server default is synchronous_commit = off unless told otherwise: the product's own per-session setting is what
/// keeps acknowledged commits, which is what a deployment whose PostgreSQL has it off relies on.
/// </summary>
internal sealed class FaultCluster(string repositoryRoot, int port, string directory, string serverSynchronousCommit, TextWriter log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public int Port => port;
    public string ServerSynchronousCommit => serverSynchronousCommit;

    public async Task EnsureAsync()
    {
        // Right after a kill -9 the old backends may still hold the shared memory for a moment: start again until it works.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (code, output) = await DbShAsync("ensure");
            if (code == 0) return;
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("scripts/db.sh ensure failed:\n" + output);
            await Task.Delay(500);
        }
    }

    public async Task StopAsync() => await DbShAsync("stop");

    /// <summary>The export lines of scripts/db.sh env, as name → value.</summary>
    public async Task<Dictionary<string, string>> ConnectionSettingsAsync()
    {
        var (code, output) = await DbShAsync("env");
        if (code != 0) throw new InvalidOperationException("scripts/db.sh env failed:\n" + output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''));
    }

    /// <summary>pg_ctl restart -m fast: SIGINT, wait for the postmaster to exit, start.</summary>
    public Task RestartFastAsync() => RestartAfterSignalAsync(Signals.Interrupt);

    /// <summary>pg_ctl restart -m immediate: SIGQUIT, no shutdown checkpoint, crash recovery on start.</summary>
    public Task RestartImmediateAsync() => RestartAfterSignalAsync(Signals.Quit);

    /// <summary>kill -9 of the postmaster; its children notice and exit; then start (crash recovery).</summary>
    public Task KillAndRestartAsync() => RestartAfterSignalAsync(Signals.Kill);

    /// <summary>A clean stop, <paramref name="duration"/> without a database, then start.</summary>
    public async Task StopForAsync(TimeSpan duration)
    {
        await SignalAndWaitAsync(Signals.Interrupt);
        await Task.Delay(duration);
        await EnsureAsync();
    }

    /// <summary>SIGSTOP of the postmaster and every child for <paramref name="duration"/>: connections are accepted by the kernel, nothing answers.</summary>
    public async Task FreezeForAsync(TimeSpan duration)
    {
        // The postmaster first, so it forks no child that the list below would miss.
        var postmaster = PostmasterPid();
        Signals.Send(postmaster, Signals.Stop);
        var frozen = Signals.Tree(postmaster);
        foreach (var pid in frozen) Signals.Send(pid, Signals.Stop);
        log.WriteLine($"    froze {frozen.Count} PostgreSQL processes");
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            foreach (var pid in frozen) Signals.Send(pid, Signals.Continue);
        }
    }

    private async Task RestartAfterSignalAsync(string signal)
    {
        await SignalAndWaitAsync(signal);
        await EnsureAsync();
    }

    private async Task SignalAndWaitAsync(string signal)
    {
        var postmaster = PostmasterPid();
        var children = Signals.Tree(postmaster).Skip(1).ToList();
        if (!Signals.Send(postmaster, signal)) throw new InvalidOperationException($"Could not signal the postmaster {postmaster}.");
        var deadline = DateTime.UtcNow + Patience;
        // Not only the postmaster: a new one cannot start while its old children still hold the shared memory.
        while (Signals.IsAlive(postmaster) || children.Any(Signals.IsAlive))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"PostgreSQL (pid {postmaster}) did not exit after signal {signal}.");
            await Task.Delay(50);
        }
    }

    private int PostmasterPid()
    {
        var pidFile = Path.Combine(directory, "data", "postmaster.pid");
        var first = File.ReadLines(pidFile).First();
        return int.Parse(first, CultureInfo.InvariantCulture);
    }

    private async Task<(int Code, string Output)> DbShAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "scripts", "db.sh"));
        start.ArgumentList.Add(command);
        start.Environment["OPS_PG_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["OPS_PG_DIR"] = directory;
        start.Environment["OPS_PG_SYNCHRONOUS_COMMIT"] = serverSynchronousCommit;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
