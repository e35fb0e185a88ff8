using System.Globalization;

namespace OpsCopilot.Bench;

/// <summary>What one bench run does. The defaults are bench/run.sh's; <see cref="Smoke"/> is the test's tiny run.</summary>
public sealed record BenchOptions
{
    /// <summary>Measured messages per round (and as many pgbench transactions).</summary>
    public int Messages { get; init; } = 3000;

    /// <summary>Unmeasured messages (and transactions) before each round's measurement: JIT, pools, caches.</summary>
    public int WarmupMessages { get; init; } = 1500;

    /// <summary>Requests in flight at once for the host, and pgbench clients for the baseline.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Paired dispatcher phones the messages come from.</summary>
    public int Senders { get; init; } = 16;

    /// <summary>Ingest and baseline alternate this many times, so drifting background load hits both alike.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The mix in percent: unknown text (help reply), ticket requests (drafts); the rest are redeliveries.</summary>
    public int UnknownPercent { get; init; } = 40;

    public int TicketPercent { get; init; } = 40;

    public int DuplicatePercent => 100 - UnknownPercent - TicketPercent;

    public int Seed { get; init; } = 20261101;

    /// <summary>OpsCopilot.Web.dll to run; found beside the bench's own build configuration when null.</summary>
    public string? WebDll { get; init; }

    /// <summary>The directory holding pgbench; OPS_PG_BIN or the newest /usr/lib/postgresql/*/bin when null.</summary>
    public string? PgBin { get; init; }

    /// <summary>Where the markdown results go (bench/results/latest.md from run.sh); none when null.</summary>
    public string? OutputPath { get; init; }

    public bool KeepDatabase { get; init; }

    public static BenchOptions Smoke { get; } = new()
    {
        Messages = 40, WarmupMessages = 10, Concurrency = 2, Senders = 3, Rounds = 1,
    };

    public const string Usage = """
        Usage: OpsCopilot.Bench [--smoke] [--messages N] [--warmup N] [--concurrency N] [--senders N] [--rounds N]
                                [--unknown-percent P] [--ticket-percent P] [--seed N] [--web-dll PATH] [--pg-bin DIR]
                                [--out results.md] [--keep-database]
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
            int Number(int min)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"{name} must be a whole number >= {min}, not '{text}'.");
            }

            options = name switch
            {
                "--smoke" => Smoke with { WebDll = options.WebDll, PgBin = options.PgBin, OutputPath = options.OutputPath },
                "--messages" => options with { Messages = Number(1) },
                "--warmup" => options with { WarmupMessages = Number(0) },
                "--concurrency" => options with { Concurrency = Number(1) },
                "--senders" => options with { Senders = Number(1) },
                "--rounds" => options with { Rounds = Number(1) },
                "--unknown-percent" => options with { UnknownPercent = Number(0) },
                "--ticket-percent" => options with { TicketPercent = Number(0) },
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
        if (Senders > 9999) throw new ArgumentException("--senders must be at most 9999.");
        if (Concurrency > 64) throw new ArgumentException("--concurrency must be at most 64 (the host's connection pool and this machine).");
    }
}
