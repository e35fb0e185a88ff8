using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.WhatsApp;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// Metrics under the runbook's names, and sampled payloads (rate 1) that never hold a full phone number or a
/// six-digit code — neither do the logs.
/// </summary>
public sealed class ObservabilityTests : IClassFixture<OpsWebFactory>
{
    private const string MetaSecret = "meta-secret-observability";
    private readonly OpsWebFactory factory;

    public ObservabilityTests(OpsWebFactory factory)
    {
        this.factory = factory;
        factory.Settings["OpsCopilot:InboundLog:SampleRate"] = "1";
        factory.Settings["OpsCopilot:Meta:AppSecret"] = MetaSecret;
    }

    [Fact]
    public async Task After_traffic_no_full_phone_number_or_code_is_in_webhook_logs_or_the_logs()
    {
        var paired = await Phones.PairAsync(factory);
        var unpaired = Phones.Next();
        var client = factory.CreateClient();
        var secrets = new[] { paired.Phone, unpaired, "123456", "654321", "987654", "06641234567", "4369912345678" };
        var before = await factory.Database.ScalarAsync<long>("SELECT COALESCE(max(id), 0) FROM ops.webhook_logs");

        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:+" + unpaired, "PAIR 123456", Gateway.NewMessageId())));
        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(paired.From, "Bitte Fahrer +43 699 12345678 anrufen, Code 654321", Gateway.NewMessageId())));
        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + paired.Phone + "x", "PAIR 123456")));
        using (var refused = await client.SendAsync(Gateway.Signed(Gateway.Body(unpaired, "PAIR 123456"), secret: "wrong")))
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var meta = Encoding.UTF8.GetBytes($$$"""
            {"entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Max"},"wa_id":"{{{unpaired}}}"}],
              "messages":[{"from":"{{{unpaired}}}","id":"{{{Gateway.NewMessageId()}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"PAIR 987654 tel 06641234567"}}]}}]}]}
            """);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/whatsapp/meta") { Content = new ByteArrayContent(meta) };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.MetaSignature, WebhookSigner.SignMeta(MetaSecret, meta));
        await Gateway.SendAsync(client, request);

        var logged = await ReadWebhookLogsAsync(after: before);
        logged.Count.ShouldBe(3);
        logged.ShouldContain(l => l.Channel == "gateway" && l.WaUserId == PhoneNumbers.Mask(unpaired) && l.Payload.Contains("PAIR ******", StringComparison.Ordinal));
        logged.ShouldContain(l => l.Channel == "meta" && l.TenantId == null);
        logged.ShouldContain(l => l.TenantId == paired.TenantId);
        logged.ShouldAllBe(l => l.ExpiresAt > DateTime.UtcNow.AddDays(2.9) && l.ExpiresAt < DateTime.UtcNow.AddDays(3.1));
        foreach (var secret in secrets)
        {
            logged.ShouldAllBe(l => !l.Payload.Contains(secret) && !(l.WaUserId ?? "").Contains(secret), $"webhook_logs leaks {secret}");
            factory.Logs.Entries.ShouldAllBe(e => !e.Message.Contains(secret), $"a log line leaks {secret}");
        }

        factory.Logs.Entries.ShouldContain(e => e.Message.Contains(PhoneNumbers.Mask(unpaired), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_webhook_metrics_count_processed_duplicate_failed_and_invalid_sender_messages()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WhatsAppMetrics.MeterName && instrument.Meter.Scope == meterFactory) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.Start();
        var client = factory.CreateClient();
        var body = Gateway.Body(Phones.Next(), "hallo", Gateway.NewMessageId());

        await Gateway.SendAsync(client, Gateway.Signed(body));
        await Gateway.SendAsync(client, Gateway.Signed(body));
        await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("nobody", "hallo")));
        (await client.SendAsync(Gateway.Signed(body, secret: "wrong"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        int Count(string name, string tag, string value) =>
            measurements.Count(m => m.Instrument == name && Equals(m.Tags.GetValueOrDefault(tag), value));
        Count("wa_message_processed", "outcome", "processed").ShouldBe(1);
        Count("wa_message_processed", "outcome", "duplicate").ShouldBe(1);
        Count("wa_message_invalid_sender", "channel", "gateway").ShouldBe(1);
        Count("wa_webhook_request_ms", "channel", "gateway").ShouldBe(4);
        Count("wa_webhook_request_ms", "outcome", "invalid_signature").ShouldBe(1);
        measurements.Where(m => m.Instrument == "wa_webhook_request_ms").ShouldAllBe(m => m.Value >= 0);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }

    private async Task<List<(int? TenantId, string Channel, string? WaUserId, string Payload, DateTime ExpiresAt)>> ReadWebhookLogsAsync(long after)
    {
        await using var connection = await factory.Database.OpenOwnerAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT tenant_id, channel, wa_user_id, payload, expires_at FROM ops.webhook_logs WHERE id > $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int?, string, string?, string, DateTime)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetDateTime(4)));
        }

        return rows;
    }
}
