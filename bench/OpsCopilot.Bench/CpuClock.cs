using System.Globalization;
using System.Runtime.InteropServices;

namespace OpsCopilot.Bench;

/// <summary>
/// CPU seconds (user + system) from Linux's /proc, so the host and the PostgreSQL cluster are measured from outside
/// without touching them. /proc reports in USER_HZ, which Linux fixes at 100 per second for user space.
/// </summary>
public static class CpuClock
{
    private const double TicksPerSecond = 100.0;

    public static bool Available => File.Exists("/proc/self/stat");

    /// <summary>One process's own CPU time, or null once it is gone.</summary>
    public static double? Process(int pid) => Read(pid) is { } stat ? (stat.UserTicks + stat.SystemTicks) / TicksPerSecond : null;

    /// <summary>
    /// A PostgreSQL cluster's CPU time: the postmaster, its live children (backends, autovacuum, WAL writer, ...) and
    /// the children it has already reaped. A backend that exits between two samples moves from the second term to
    /// the third, so differences of two samples stay right.
    /// </summary>
    public static double? Cluster(int postmasterPid)
    {
        if (Read(postmasterPid) is not { } postmaster) return null;
        long ticks = postmaster.UserTicks + postmaster.SystemTicks + postmaster.ChildUserTicks + postmaster.ChildSystemTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Read(pid) is { } child && child.ParentPid == postmasterPid) ticks += child.UserTicks + child.SystemTicks;
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The parent of a process (for a backend: the postmaster), or null.</summary>
    public static int? ParentOf(int pid) => Read(pid)?.ParentPid;

    /// <summary>CPU seconds of this process's children that have exited and been waited for (pgbench runs).</summary>
    public static double ReapedChildren()
    {
        if (!Available || getrusage(RusageChildren, out var usage) != 0) return 0;
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    private sealed record Stat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        // The command name is in parentheses and may itself contain spaces or parentheses: fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new Stat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }

    private const int RusageChildren = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        // The rest of struct rusage (14 longs): not read, but the kernel writes them.
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);
}
