using System.Globalization;

namespace OpsCopilot.Bench;

/// <summary>What one bench run does. The defaults are bench/run.sh's; <see cref="Smoke"/> is the test's tiny run.</summary>
public sealed record BenchOptions
{
    /// <summary>Measured messages per round (and as many pgbench transactions).</summary>
    public int Messages { get; init; } = 3000;

    /// <summary>Unmeasured messages (and transactions) before each round's measurement: JIT, pools, caches.</summary>
    public int WarmupMessages { get; init; } = 1500;

    /// <summary>
    /// Messages the host handles once, after the first RSS reading and before any round, split over the concurrencies:
    /// a long-running host's steady state. Tiered compilation with dynamic PGO is still re-compiling hot code 20–40 s
    /// into a run (docs/benchmarks.md, the profile); they count towards <see cref="RssMessages"/>, so the run is no longer.
    /// </summary>
    public int HostWarmupMessages { get; init; } = 20_000;

    /// <summary>Requests in flight at once for the host, and pgbench clients for the baseline; each level gets its rounds.</summary>
    public IReadOnlyList<int> Concurrencies { get; init; } = [8, 32];

    /// <summary>Paired dispatcher phones the messages come from.</summary>
    public int Senders { get; init; } = 16;

    /// <summary>Ingest and baseline alternate this many times per concurrency, so drifting background load hits both alike.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The mix in percent: unknown text (help reply), ticket requests (drafts); the rest are redeliveries.</summary>
    public int UnknownPercent { get; init; } = 40;

    public int TicketPercent { get; init; } = 40;

    public int DuplicatePercent => 100 - UnknownPercent - TicketPercent;

    /// <summary>First deliveries, then the same again as redeliveries, per round: what a duplicate costs next to a first.</summary>
    public int DuplicateProbeMessages { get; init; } = 600;

    /// <summary>Drafts confirmed by <see cref="ConfirmRacers"/> concurrent console requests each.</summary>
    public int ConfirmRaces { get; init; } = 5;

    public int ConfirmRacers { get; init; } = 50;

    /// <summary>Drafts confirmed one at a time, nothing else in flight: the reference for the race.</summary>
    public int UncontendedConfirms { get; init; } = 20;

    /// <summary>Events in the tenant when the console's first pages are measured (the bench adds what the run did not make).</summary>
    public int ConsoleEvents { get; init; } = 1_000_000;

    /// <summary>Each first page is loaded (and its queries EXPLAIN ANALYZEd) this many times; the median counts.</summary>
    public int ConsoleSamples { get; init; } = 15;

    /// <summary>Host RSS is read after this many messages, and again after <see cref="RssMessages"/>.</summary>
    public int RssBaselineMessages { get; init; } = 1000;

    /// <summary>Messages the host has handled when its RSS is read the second time (the run tops up to it).</summary>
    public int RssMessages { get; init; } = 100_000;

    public int Seed { get; init; } = 20261101;

    /// <summary>OpsCopilot.Web.dll to run; found beside the bench's own build configuration when null.</summary>
    public string? WebDll { get; init; }

    /// <summary>The directory holding pgbench; OPS_PG_BIN or the newest /usr/lib/postgresql/*/bin when null.</summary>
    public string? PgBin { get; init; }

    /// <summary>Where the markdown results go (bench/results/latest.md from run.sh); none when null.</summary>
    public string? OutputPath { get; init; }

    public bool KeepDatabase { get; init; }

    public int MaxConcurrency => Concurrencies.Max();

    /// <summary>Every part of the bench at a size that takes seconds: proves the harness, its numbers mean nothing.</summary>
    public static BenchOptions Smoke { get; } = new()
    {
        Messages = 40, WarmupMessages = 10, Concurrencies = [2, 4], Senders = 3, Rounds = 1,
        DuplicateProbeMessages = 10, ConfirmRaces = 1, ConfirmRacers = 50, UncontendedConfirms = 3,
        ConsoleEvents = 3000, ConsoleSamples = 2, RssBaselineMessages = 10, RssMessages = 0, HostWarmupMessages = 0,
    };

    /// <summary>While working on a change: every measure once, in a few minutes (docs/benchmarks.md).</summary>
    public static BenchOptions Quick { get; } = new()
    {
        Messages = 1000, WarmupMessages = 1000, Rounds = 1, DuplicateProbeMessages = 300, ConfirmRaces = 2, UncontendedConfirms = 10,
        ConsoleEvents = 200_000, ConsoleSamples = 7, RssMessages = 0, HostWarmupMessages = 4000,
    };

    public const string Usage = """
        Usage: OpsCopilot.Bench [--smoke | --quick] [--messages N] [--warmup N] [--host-warmup N] [--concurrency N[,N…]] [--senders N] [--rounds N]
                                [--unknown-percent P] [--ticket-percent P] [--duplicate-probe N] [--confirm-races N]
                                [--uncontended-confirms N] [--console-events N] [--console-samples N] [--rss-messages N]
                                [--seed N] [--web-dll PATH] [--pg-bin DIR] [--out results.md] [--keep-database]
        --rss-messages 0 reads the second RSS at the end of the run, whatever it has sent.
        Needs ConnectionStrings__Migrations (a login with CREATEDB) and ConnectionStrings__Default (the runtime role):
        eval "$(scripts/db.sh env)". Exit codes: 0 measured and verified, 1 a check failed, 2 wrong usage.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Parse(string text, int min) =>
                int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"{name} must be a whole number >= {min}, not '{text}'.");
            int Number(int min) => Parse(Value(), min);

            options = name switch
            {
                "--smoke" => Smoke with { WebDll = options.WebDll, PgBin = options.PgBin, OutputPath = options.OutputPath },
                "--quick" => Quick with { WebDll = options.WebDll, PgBin = options.PgBin, OutputPath = options.OutputPath },
                "--messages" => options with { Messages = Number(1) },
                "--warmup" => options with { WarmupMessages = Number(0) },
                "--host-warmup" => options with { HostWarmupMessages = Number(0) },
                "--concurrency" => options with { Concurrencies = Value().Split(',').Select(c => Parse(c.Trim(), 1)).Distinct().ToList() },
                "--senders" => options with { Senders = Number(1) },
                "--rounds" => options with { Rounds = Number(1) },
                "--unknown-percent" => options with { UnknownPercent = Number(0) },
                "--ticket-percent" => options with { TicketPercent = Number(0) },
                "--duplicate-probe" => options with { DuplicateProbeMessages = Number(1) },
                "--confirm-races" => options with { ConfirmRaces = Number(1) },
                "--uncontended-confirms" => options with { UncontendedConfirms = Number(1) },
                "--console-events" => options with { ConsoleEvents = Number(0) },
                "--console-samples" => options with { ConsoleSamples = Number(1) },
                "--rss-messages" => options with { RssMessages = Number(0) },
                "--seed" => options with { Seed = Number(0) },
                "--web-dll" => options with { WebDll = Value() },
                "--pg-bin" => options with { PgBin = Value() },
                "--out" => options with { OutputPath = Value() },
                "--keep-database" => options with { KeepDatabase = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (UnknownPercent + TicketPercent > 100) throw new ArgumentException("--unknown-percent plus --ticket-percent must not exceed 100.");
        if (UnknownPercent == 0) throw new ArgumentException("--unknown-percent must be above 0: the duplicate probe and the RSS top-up send unknown text.");
        if (Senders > 9999) throw new ArgumentException("--senders must be at most 9999.");
        if (Concurrencies.Count == 0) throw new ArgumentException("--concurrency needs at least one level.");
        if (MaxConcurrency > 64) throw new ArgumentException("--concurrency must be at most 64 (the host's connection pool and this machine).");
    }
}
