using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>
/// POSTs each message as JSON to OpsCopilot:Gateway:SendUrl, signed exactly like the inbound webhook
/// (X-Clawdbot-Timestamp, X-Clawdbot-Signature over "{timestamp}|{body}") and carrying
/// "Idempotency-Key: &lt;notification id&gt;", which stays the same for every retry and crash re-send.
/// 2xx (or 409 naming the message it already accepted) → sent with the response's message_id.
/// </summary>
public sealed class GatewayNotificationSender(IHttpClientFactory httpClients, IOptions<GatewayOptions> options, TimeProvider clock)
    : HttpNotificationSender(httpClients, HttpClientName, "gateway", options.Value.TimeoutMs, clock)
{
    public const string HttpClientName = "ops-gateway";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly GatewayOptions options = options.Value;

    public override string Name => "gateway";

    public override string SenderKey(OutboundMessage message) => options.SenderNumber is { Length: > 0 } number ? number : Name;

    public override Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var secret = options.Secret is { Length: > 0 } s ? s : throw new InvalidOperationException("The gateway signing secret is not configured.");
        var url = options.SendUrl ?? throw new InvalidOperationException("OpsCopilot:Gateway:SendUrl is not configured.");
        var body = JsonSerializer.SerializeToUtf8Bytes(GatewayMessage.From(message));

        return SendAsync(async (client, token) =>
        {
            // Signed per attempt, so the timestamp is fresh for the receiver's tolerance check.
            var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = OutboundHttp.Json(body) };
            request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, timestamp, body));
            request.Headers.Add(IdempotencyKeyHeader, message.IdempotencyKey);
            return await client.SendAsync(request, token);
        }, InterpretAsync, cancellationToken);
    }

    private async Task<SendResult> InterpretAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var messageId = MessageId(text);
        if (response.IsSuccessStatusCode) return SendResult.Sent(messageId);
        // The gateway already has this idempotency key: the earlier send went through.
        if (response.StatusCode == HttpStatusCode.Conflict && messageId is not null) return SendResult.Sent(messageId);
        return FromStatus(response, text);
    }

    private static string? MessageId(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in (string[])["message_id", "id"])
                if (json.RootElement.TryGetProperty(name, out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
                    return value;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The JSON the gateway receives; "to" uses the same "whatsapp:&lt;digits&gt;" form as the inbound "from".</summary>
public sealed record GatewayMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("template"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GatewayTemplate? Template,
    [property: JsonPropertyName("tenant_id")] int TenantId,
    [property: JsonPropertyName("attempt")] int Attempt)
{
    public static GatewayMessage From(OutboundMessage message) => new(
        message.IdempotencyKey,
        "whatsapp:" + message.RecipientPhone,
        message.Template is null ? "text" : "template",
        message.Text,
        message.Template is { } t
            ? new GatewayTemplate(t.Name, t.Language,
                t.Parameters.Where(p => p.Name is not null).ToDictionary(p => p.Name!, p => p.Value, StringComparer.Ordinal),
                t.Parameters.Select(p => p.Value).ToList())
            : null,
        message.TenantId,
        message.Attempt);
}

/// <param name="Params">Named parameters.</param>
/// <param name="Positional">The same values in the template's expected_params order.</param>
public sealed record GatewayTemplate(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, string> Params,
    [property: JsonPropertyName("positional")] IReadOnlyList<string> Positional);
