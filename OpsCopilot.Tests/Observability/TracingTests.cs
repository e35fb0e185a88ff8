using System.Collections;
using System.Diagnostics;
using OpenTelemetry.Trace;
using OpsCopilot.Tests.Outbox;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Tests.Observability;

/// <summary>
/// A webhook delivery is one trace: the request (tagged with its request and message ids), its SQL, and the
/// outbox worker's later send of the reply it queued, down to the HTTP call to a real fake gateway on 127.0.0.1.
/// Spans are caught by OpenTelemetry's in-memory exporter inside the host.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_webhook_delivery_its_sql_and_the_send_of_its_queued_reply_share_one_trace()
    {
        var spans = new SpanCollection();
        await using var host = await TracedHostAsync(spans);
        var phone = await Phones.PairAsync(host.Factory);
        var client = host.Factory.CreateClient();
        var requestId = "trace-" + Guid.NewGuid().ToString("N");
        var messageId = Gateway.NewMessageId();

        var answer = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "HELP", messageId), requestId));
        answer.Text("status").ShouldBe("processed");
        var sent = (await host.Gateway.WaitForAsync(requests => requests.Count >= 1)).Single();

        // A span is exported when it ends, which may be after its answer reached the client: wait for each, never sleep.
        var ingest = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Snapshot().SingleOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem(OpsTracing.RequestIdAttribute), requestId))),
            s => s is not null, what: "the delivery's request span");
        ingest!.GetTagItem(OpsTracing.MessageIdAttribute).ShouldBe(messageId);
        var trace = ingest.TraceId;
        var notificationId = (await host.Db.ScalarAsync<Guid>("SELECT id FROM ops.notifications WHERE tenant_id = $1", phone.TenantId)).ToString();
        // The worker finishes its span after writing the outcome: wait for it rather than for a fixed time. Picked by
        // its notification: the exporter also sees spans of other test hosts in this process (listeners are global).
        var send = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Snapshot().SingleOrDefault(s => s.OperationName == "outbox send"
                                                                        && Equals(s.GetTagItem(OpsTracing.NotificationIdAttribute), notificationId))),
            s => s is not null, what: "the outbox send span");

        send!.TraceId.ShouldBe(trace);
        var inTrace = spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        inTrace.ShouldContain(s => s.Source.Name == "Npgsql" && IsWithin(s, ingest, inTrace), "the delivery's own SQL");
        inTrace.ShouldContain(s => s.Source.Name == "Npgsql" && IsWithin(s, send, inTrace), "the send's write-back SQL");
        var gatewayCall = inTrace.Single(s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
        IsWithin(gatewayCall, send, inTrace).ShouldBeTrue();
        gatewayCall.GetTagItem("url.full")!.ToString()!.ShouldStartWith(host.Gateway.Url("/send").ToString());
        // The gateway is told the trace too (W3C traceparent), so its own spans can join it.
        sent.Header("traceparent")!.ShouldContain(trace.ToHexString());
    }

    [Fact]
    public async Task Two_deliveries_are_two_traces_and_a_row_queued_without_a_trace_starts_its_own()
    {
        var spans = new SpanCollection();
        await using var host = await TracedHostAsync(spans);
        var phone = await Phones.PairAsync(host.Factory);
        var client = host.Factory.CreateClient();
        string[] requestIds = ["first-" + Guid.NewGuid(), "second-" + Guid.NewGuid()];
        foreach (var requestId in requestIds)
            await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "HELP", Gateway.NewMessageId()), requestId));
        // A row written by hand (the runbook's SQL, an old row) has no trace parent.
        await host.Db.ExecuteAsync("""
            INSERT INTO ops.notifications (id, tenant_id, recipient_phone, kind, body, status, next_attempt_at, created_at, updated_at)
            VALUES (gen_random_uuid(), $1, $2, 'TEXT', 'by hand', 'queued', now(), now(), now())
            """, phone.TenantId, phone.Phone);

        // This test's spans only: the exporter also sees other test hosts' spans in this process (listeners are global).
        var notifications = (await host.Db.ScalarAsync<Guid[]>("SELECT array_agg(id) FROM ops.notifications WHERE tenant_id = $1", phone.TenantId))!
            .Select(id => id.ToString()).ToHashSet();
        notifications.Count.ShouldBe(3);
        var sends = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.OperationName == "outbox send"
                                                              && notifications.Contains(s.GetTagItem(OpsTracing.NotificationIdAttribute) as string ?? "")).ToList()),
            s => s.Count == 3, what: "three outbox send spans");

        var requestTraces = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.Kind == ActivityKind.Server && requestIds.Contains(s.GetTagItem(OpsTracing.RequestIdAttribute) as string))
                .Select(s => s.TraceId).ToList()),
            traces => traces.Count == 2, what: "two request spans");
        requestTraces.Distinct().Count().ShouldBe(2, "two deliveries, two traces");
        sends.Select(s => s.TraceId).Distinct().Count().ShouldBe(3);
        sends.Count(s => requestTraces.Contains(s.TraceId)).ShouldBe(2);
        sends.Single(s => !requestTraces.Contains(s.TraceId)).ParentSpanId.ShouldBe(default);
    }

    /// <summary>The web host with tracing on, every reply queued in the outbox, and the spans caught in <paramref name="spans"/>.</summary>
    private static async Task<OutboxWebHost> TracedHostAsync(SpanCollection spans)
    {
        var host = await OutboxWebHost.CreateAsync(settings =>
        {
            settings[TracingSetup.EnabledKey] = "true";
            settings["OpsCopilot:Webhook:RepliesViaOutbox"] = "true";
        });
        var hostServices = host.Factory.TestServices;
        host.Factory.TestServices = services =>
        {
            hostServices?.Invoke(services);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        };
        return host;
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> through spans of the same trace.</summary>
    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
            if (current.SpanId == ancestor.SpanId) return true;
        return false;
    }

    /// <summary>The exporter adds from the host's threads while the test reads: a locked list.</summary>
    private sealed class SpanCollection : ICollection<Activity>
    {
        private readonly List<Activity> items = [];

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (items) return items.ToList();
        }

        public void Add(Activity item)
        {
            lock (items) items.Add(item);
        }

        public void Clear()
        {
            lock (items) items.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (items) return items.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (items) items.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (items) return items.Remove(item);
        }

        public int Count
        {
            get { lock (items) return items.Count; }
        }

        public bool IsReadOnly => false;

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
