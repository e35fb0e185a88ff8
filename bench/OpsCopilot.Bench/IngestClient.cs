using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Bench;

/// <summary>What the webhook answered to one delivery, and how long the round trip took.</summary>
public sealed record IngestAnswer(HttpStatusCode StatusCode, string? Status, string? Reply, double Milliseconds, string RawBody);

/// <summary>
/// Sends gateway deliveries the way the gateway does: the exact JSON bytes, signed with X-Clawdbot-Timestamp /
/// X-Clawdbot-Signature (HMAC over timestamp and body). A redelivery is signed afresh, like a real retry.
/// </summary>
public sealed class IngestClient(HttpClient http, string secret) : IDisposable
{
    public const string IngestPath = "api/v1/ops/whatsapp/ingest";

    public static IngestClient Create(Uri baseUrl, int connections, string secret)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        };
        return new IngestClient(new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) }, secret);
    }

    public static byte[] Body(string from, string text, string messageId) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["from"] = from, ["body"] = text, ["message_id"] = messageId });

    public async Task<IngestAnswer> SendAsync(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, timestamp, body));

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        string? status = null, reply = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                status = Text(json.RootElement, "status");
                reply = Text(json.RootElement, "reply");
            }
        }
        catch (JsonException) { }

        return new IngestAnswer(response.StatusCode, status, reply, elapsed, text);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => http.Dispose();
}
