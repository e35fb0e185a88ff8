using System.Globalization;

namespace OpsCopilot.Faults;

/// <summary>Command line of the fault suite (./test.sh --faults passes its arguments on).</summary>
internal sealed class FaultOptions
{
    public const string Usage = """
        Usage: ./test.sh --faults [--short] [--only <name>[,<name>…]] [--messages N] [--web-dll <path>] [--server-synchronous-commit on|off]
          --short        the CI selection: every kind of fault once, shorter outages, fewer messages
          --only         scenarios whose name contains one of these words (host, fast, immediate, kill, stopped, frozen, race, proxy)
          --messages     gateway messages per scenario (default 800, short 400)
          --web-dll      the host build to fault (default: the Release build of this checkout)
          --server-synchronous-commit   the fault cluster's server default (default off: the product's own setting must hold)
        """;

    public bool Short { get; private set; }
    public IReadOnlyList<string> Only { get; private set; } = [];
    public int Messages { get; private set; }
    public int Concurrency { get; } = 16;
    public string? WebDll { get; private set; }
    public string ServerSynchronousCommit { get; private set; } = "off";
    public int Seed { get; } = Environment.TickCount & 0xFFFF;

    public int Repeats => Short ? 1 : 5;
    public TimeSpan Outage => TimeSpan.FromSeconds(Short ? 5 : 20);

    public bool Wants(string scenario) => Only.Count == 0 || Only.Any(word => scenario.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static FaultOptions Parse(string[] args)
    {
        var options = new FaultOptions();
        int? messages = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--faults": break;
                case "--short": options.Short = true; break;
                case "--only": options.Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--messages":
                    messages = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 64 ? n
                        : throw new ArgumentException("--messages must be a number of at least 64.");
                    break;
                case "--web-dll": options.WebDll = Path.GetFullPath(Value()); break;
                case "--server-synchronous-commit":
                    var setting = Value();
                    options.ServerSynchronousCommit = setting is "on" or "off" ? setting : throw new ArgumentException("--server-synchronous-commit is on or off.");
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        options.Messages = messages ?? (options.Short ? 400 : 800);
        return options;
    }
}
