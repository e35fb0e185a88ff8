using System.Diagnostics;
using System.Globalization;

namespace OpsCopilot.Faults;

/// <summary>kill(1): the faults are real signals to real processes, as an operator's kill or the OOM killer sends them.</summary>
internal static class Signals
{
    public const string Kill = "KILL";
    public const string Interrupt = "INT";
    public const string Quit = "QUIT";
    public const string Continue = "CONT";
    public const string Stop = "STOP";

    public static bool Send(int pid, string signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(signal);
        start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("Could not run kill.");
        kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    public static bool IsAlive(int pid)
    {
        if (!File.Exists($"/proc/{pid}/stat")) return false;
        // A zombie (Z) or dead (X) process has exited; only its parent has not reaped it yet.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is not ("Z" or "X");
    }

    /// <summary>The process and every descendant, found through /proc (parent ids), parents first.</summary>
    public static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        return tree;
    }
}
