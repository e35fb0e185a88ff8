using System.Diagnostics.Metrics;

namespace OpsCopilot.Tests.Outbox;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_and_the_outbox_counters_move_with_the_traffic()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        var tenant = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        host.Start();
        var client = host.Factory.CreateClient();

        var response = await client.GetAsync("/metrics");
        response.Content.Headers.ContentType!.ToString().ShouldStartWith("text/plain; version=0.0.4");
        var before = PrometheusExposition.Parse(await response.Content.ReadAsStringAsync());

        for (var i = 0; i < 3; i++) await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone());
        host.Gateway.Script(FakeResponse.Fail(500));
        await Eventually.TrueAsync(async () => await OutboxData.CountAsync(host.Db, "status = 'sent'") == 3, what: "sent");
        using var late = new Meter("OpsCopilot.Tests.Late." + Guid.NewGuid().ToString("N"));
        late.CreateCounter<long>("late_things", description: "Created after the host started").Add(5, new KeyValuePair<string, object?>("kind", "a \"quoted\" value"));
        using var unrelated = new Meter("Unrelated.Meter");
        unrelated.CreateCounter<long>("unrelated_things").Add(1);

        var after = await Eventually.ReturnsAsync(async () => PrometheusExposition.Parse(await client.GetStringAsync("/metrics")),
            m => m.ValueOrZero("notify_outbox_depth{status=\"sent\"}") == 3, what: "depth gauge refreshed");

        (after.ValueOrZero("notify_sent_total{sender=\"gateway\"}") - before.ValueOrZero("notify_sent_total{sender=\"gateway\"}")).ShouldBe(3);
        (after.ValueOrZero("notify_failed_total{reason=\"transient\",sender=\"gateway\"}") - before.ValueOrZero("notify_failed_total{reason=\"transient\",sender=\"gateway\"}")).ShouldBe(1);
        var sends = "notify_send_ms_count{outcome=\"sent\",sender=\"gateway\"}";
        (after.ValueOrZero(sends) - before.ValueOrZero(sends)).ShouldBe(3);
        var buckets = after.Where(s => s.Key.StartsWith("notify_send_ms_bucket{outcome=\"sent\"", StringComparison.Ordinal)).Select(s => s.Value).ToList();
        buckets.ShouldBe(buckets.Order().ToList());
        after["notify_send_ms_bucket{outcome=\"sent\",sender=\"gateway\",le=\"+Inf\"}"].ShouldBe(after[sends]);
        after.Keys.ShouldContain("notify_outbox_depth{status=\"queued\"}");
        after.Keys.ShouldContain("ops_drafts{status=\"PENDING_CONFIRM\"}");
        after["late_things_total{kind=\"a \\\"quoted\\\" value\"}"].ShouldBe(5);
        after.Keys.ShouldNotContain(k => k.StartsWith("unrelated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Otlp_export_sends_the_meters_to_the_collector_when_the_endpoint_is_set()
    {
        await using var collector = await FakeHttpServer.StartAsync();
        await using var host = await OutboxWebHost.CreateAsync(s =>
        {
            s["OpsCopilot:Outbox:Enabled"] = "false";
            s["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl.ToString();
            s["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            s["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        });
        host.Start();

        var exports = await collector.WaitForAsync(r => r.Any(x => x.Path == "/v1/metrics" && x.Text.Contains("ops_drafts", StringComparison.Ordinal)));
        exports.First(x => x.Path == "/v1/metrics").Header("Content-Type").ShouldBe("application/x-protobuf");
    }
}
