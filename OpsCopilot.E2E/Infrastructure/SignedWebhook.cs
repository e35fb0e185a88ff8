using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Security;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>The WhatsApp gateway posting to the running host's real webhook, signed (X-Clawdbot-*) with the host's secret.</summary>
public sealed class SignedWebhook(RunningHost host) : IDisposable
{
    public const string IngestPath = "api/v1/ops/whatsapp/ingest";

    private readonly HttpClient http = new() { BaseAddress = host.BaseUrl };

    /// <summary>Sends one inbound message; returns the webhook's JSON answer (status, thread_id, reply).</summary>
    public async Task<JsonNode> SendAsync(string fromDigits, string text, string messageId)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { from = "whatsapp:" + fromDigits, body = text, message_id = messageId }));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(RunningHost.WebhookSecret, timestamp, body));
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} from the webhook: {answer}");
        return JsonNode.Parse(answer)!;
    }

    public void Dispose() => http.Dispose();
}
