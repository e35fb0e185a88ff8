using OpsCopilot.Bench;

namespace OpsCopilot.Tests.Bench;

/// <summary>
/// bench/run.sh's harness at its smallest (BenchOptions.Smoke): the real host on a fresh database, paired phones,
/// the message mix at two concurrencies, pgbench's baseline, the duplicate probe, the confirm race, the console's
/// first pages, the RSS readings and the report. Asserts counts, never timings, so the bench cannot rot without a
/// red test and a slow machine cannot turn it red.
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
        result.Machine.SynchronousCommit.ShouldBe("on");
        result.Rounds.Select(r => r.Concurrency).ShouldBe(options.Concurrencies);
        foreach (var round in result.Rounds)
        {
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

            round.Pgbench.Transactions.ShouldBeGreaterThanOrEqualTo(options.Messages);
            round.Pgbench.Failed.ShouldBe(0);
            round.Pgbench.LatenciesMs.Count.ShouldBe(round.Pgbench.Transactions);
            round.Pgbench.Tps.ShouldBeGreaterThan(0);
            round.IngestThroughput.ShouldBeGreaterThan(0);
            if (result.Machine.CpuMeasured) round.IngestCpu.Host.ShouldBeGreaterThan(0);
        }

        // Every first delivery and every redelivery of the probe was answered as it must be (else a failure above).
        result.DuplicateProbes.ShouldHaveSingleItem().Messages.ShouldBe(options.DuplicateProbeMessages);
        var confirms = result.Confirms.ShouldNotBeNull();
        confirms.Racers.ShouldBe(50);
        confirms.Contended.P99.ShouldBeGreaterThan(0);
        var console = result.Console.ShouldNotBeNull();
        console.Events.ShouldBeGreaterThanOrEqualTo(options.ConsoleEvents);
        console.Pages.Select(p => p.Page).ShouldBe(["Drafts history", "Audit", "Conversations", "Notifications", "Tickets"]);
        console.Pages.ShouldAllBe(p => p.Queries > 0 && p.ExplainMs > 0 && p.ServerMs > 0);
        var rss = result.Rss.ShouldNotBeNull();
        rss.LateMessages.ShouldBeGreaterThan(rss.EarlyMessages);

        var report = BenchReport.Markdown(result);
        report.ShouldContain("All checks passed.");
        report.ShouldContain("| ingest throughput ÷ pgbench, concurrency 4 |");
        report.ShouldContain("synchronous_commit` is **on**");
    }
}
