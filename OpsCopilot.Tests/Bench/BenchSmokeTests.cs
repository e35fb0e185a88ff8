using OpsCopilot.Bench;

namespace OpsCopilot.Tests.Bench;

/// <summary>
/// bench/run.sh's harness at its smallest (BenchOptions.Smoke): the real host on a fresh database, paired phones,
/// the message mix, pgbench's baseline and the report. Asserts counts, never timings, so the bench cannot rot
/// without a red test and a slow machine cannot turn it red.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task The_bench_runs_end_to_end_and_every_message_is_accounted_for()
    {
        var options = BenchOptions.Smoke;
        var log = new StringWriter();

        var result = await BenchRunner.RunAsync(options, log);

        result.Failures.ShouldBeEmpty(log.ToString());
        var round = result.Rounds.ShouldHaveSingleItem();
        var counts = round.Ingest.Counts;
        counts.Total.ShouldBe(options.Messages);
        counts.Errors.ShouldBe(0, string.Join(" | ", counts.ErrorSamples));
        // The smoke mix still holds every kind of delivery.
        counts.Unknown.ShouldBeGreaterThan(0);
        counts.TicketRequests.ShouldBeGreaterThan(0);
        counts.Duplicates.ShouldBeGreaterThan(0);
        // What the host answered is what the database holds: one key and one MESSAGE_IN/OUT pair per processed
        // message, one draft per ticket request, nothing for a redelivery.
        round.IngestRows.DedupKeys.ShouldBe(counts.Processed);
        round.IngestRows.MessagesIn.ShouldBe(counts.Processed);
        round.IngestRows.MessagesOut.ShouldBe(counts.Processed);
        round.IngestRows.Drafts.ShouldBe(counts.TicketRequests);
        round.Ingest.LatenciesMs.Count.ShouldBe(counts.Total);

        round.Pgbench.Transactions.ShouldBe(options.Messages);
        round.Pgbench.Failed.ShouldBe(0);
        round.Pgbench.LatenciesMs.Count.ShouldBe(round.Pgbench.Transactions);
        round.Pgbench.Tps.ShouldBeGreaterThan(0);
        round.IngestThroughput.ShouldBeGreaterThan(0);
        if (result.Machine.CpuMeasured) round.IngestCpu.Host.ShouldBeGreaterThan(0);

        var report = BenchReport.Markdown(result);
        report.ShouldContain("All checks passed.");
        report.ShouldContain("| throughput |");
    }
}
