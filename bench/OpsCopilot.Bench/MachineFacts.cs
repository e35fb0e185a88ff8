using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace OpsCopilot.Bench;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
public sealed record MachineFacts(
    string Cpu, int Cores, string Memory, string Os, string Runtime, string LoadAverage,
    string PostgreSql, string PostgreSqlSettings, string SynchronousCommit, string Pgbench, string Commit, bool CpuMeasured, DateTimeOffset At)
{
    /// <summary>The load average now (read when the report is written): how busy the machine was by the end.</summary>
    public string LoadAverageAtEnd => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static async Task<MachineFacts> CollectAsync(BenchDatabase database, string pgbenchVersion, bool cpuMeasured)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SHOW server_version", connection);
        var serverVersion = (string)(await version.ExecuteScalarAsync())!;
        await using var settings = new NpgsqlCommand("""
            SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_level')
            """, connection);
        var settingsText = (string)(await settings.ExecuteScalarAsync())!;
        // What a connection gets unless it sets its own: the server's (and this database's) default.
        await using var durability = new NpgsqlCommand("SELECT current_setting('synchronous_commit')", connection);
        var synchronousCommit = (string)(await durability.ExecuteScalarAsync())!;

        return new MachineFacts(
            ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            ProcLine("/proc/meminfo", "MemTotal") ?? "unknown",
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown",
            "PostgreSQL " + serverVersion,
            settingsText,
            synchronousCommit,
            pgbenchVersion,
            await CommitAsync(),
            cpuMeasured,
            DateTimeOffset.UtcNow);
    }

    private static string? ProcLine(string path, string key)
    {
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    private static async Task<string> CommitAsync()
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
            foreach (var arg in new[] { "log", "-1", "--format=%h %s" }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var text = (await process.StandardOutput.ReadToEndAsync()).Trim();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
