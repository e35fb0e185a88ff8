using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Security;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>The webhook's HTTP status and its JSON answer (null when the body was not JSON).</summary>
public sealed record WebhookAnswer(int Status, JsonNode? Json, string Text)
{
    /// <summary>"status" of a 200 answer, else the problem's "error" code.</summary>
    public string? Outcome => Json?[Status == 200 ? "status" : "error"]?.GetValue<string>();
}

/// <summary>
/// The WhatsApp gateway posting to a running host's real webhook, signed (X-Clawdbot-*) with the host's secret. Used by
/// the browser tests and by the smoke test (OpsCopilot.Smoke) against any deployment.
/// </summary>
public sealed class SignedWebhook(Uri baseUrl, string secret) : IDisposable
{
    public const string IngestPath = "api/v1/ops/whatsapp/ingest";
    public const string RequestIdHeader = "X-Request-Id";

    private readonly HttpClient http = new() { BaseAddress = baseUrl };

    /// <summary>Sends one inbound message; returns the webhook's JSON answer (status, thread_id, reply), throws on a refusal.</summary>
    public async Task<JsonNode> SendAsync(string fromDigits, string text, string messageId)
    {
        var answer = await PostAsync(fromDigits, text, messageId);
        if (answer.Status != 200 || answer.Json is null) throw new InvalidOperationException($"{answer.Status} from the webhook: {answer.Text}");
        return answer.Json;
    }

    /// <summary>Sends one inbound message (optionally under an X-Request-Id) and returns whatever the webhook answered.</summary>
    public async Task<WebhookAnswer> PostAsync(string fromDigits, string text, string messageId, string? requestId = null)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { from = "whatsapp:" + fromDigits, body = text, message_id = messageId }));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, timestamp, body));
        if (requestId is not null) request.Headers.Add(RequestIdHeader, requestId);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = answer.Length == 0 ? null : JsonNode.Parse(answer);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the caller reports the text.
        }
        return new WebhookAnswer((int)response.StatusCode, json, answer);
    }

    public void Dispose() => http.Dispose();
}
