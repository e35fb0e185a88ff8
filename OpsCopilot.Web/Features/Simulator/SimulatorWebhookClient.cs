using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.WhatsApp;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Simulator;

/// <summary>What the webhook answered one simulated message.</summary>
/// <param name="HttpStatus">The HTTP status; 0 when the request did not get an answer at all.</param>
/// <param name="Status">processed | duplicate | ignored, on a 200.</param>
/// <param name="Problem">Why the webhook refused it (problem+json title and detail), or why it could not be reached.</param>
public sealed record WebhookAnswer(int HttpStatus, string? Status, string? Reply, Guid? ThreadId, string? Problem, string MessageId)
{
    public bool Accepted => HttpStatus == StatusCodes.Status200OK && Status is IngestAccepted.Processed or IngestAccepted.Duplicate;
}

/// <summary>
/// Sends a message the way the WhatsApp gateway does: an HTTP POST from this host to its own
/// /api/v1/ops/whatsapp/ingest with the gateway's JSON, X-Clawdbot-Timestamp / X-Clawdbot-Signature over the exact
/// bytes (the configured webhook secret) and an X-Request-Id. Nothing is short-circuited: signature check,
/// parsing, idempotency, conversation and metrics all run as for the real gateway.
/// </summary>
public sealed partial class SimulatorWebhookClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<WebhookOptions> webhook,
    IOptions<SimulatorOptions> options,
    IServer server,
    TimeProvider clock,
    ILogger<SimulatorWebhookClient> logger)
{
    public const string HttpClientName = "OpsCopilot.Simulator";
    public const string IngestPath = "api/v1/ops/whatsapp/ingest";

    /// <summary>Sends <paramref name="text"/> from the E.164 digits <paramref name="phone"/>.</summary>
    public async Task<WebhookAnswer> SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var messageId = "sim-" + Guid.CreateVersion7().ToString("N");
        var secret = webhook.CurrentValue.Secret;
        if (string.IsNullOrWhiteSpace(secret))
            return new WebhookAnswer(0, null, null, null, "The webhook secret (CLAWDBOT_WEBHOOK_SECRET) is not set, so nothing can be signed.", messageId);
        if (BaseAddress() is not { } baseAddress)
            return new WebhookAnswer(0, null, null, null, "This host's address is unknown: set OpsCopilot:Simulator:BaseAddress.", messageId);

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var body = JsonSerializer.SerializeToUtf8Bytes(new GatewayWireMessage("whatsapp:+" + phone, text, messageId, timestamp));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, IngestPath)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, timestamp, body));
        request.Headers.Add(GatewayIngest.RequestIdHeader, messageId);

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            return Interpret((int)response.StatusCode, answer, messageId);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, baseAddress.ToString(), ex.Message);
            return new WebhookAnswer(0, null, null, null, $"The webhook at {baseAddress} could not be reached: {ex.Message}", messageId);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAnswer(0, null, null, null, "The webhook did not answer in time.", messageId);
        }
    }

    private Uri? BaseAddress() =>
        options.Value.BaseAddress is { Length: > 0 } configured
            ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
            : SelfAddress.Choose(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    internal static WebhookAnswer Interpret(int httpStatus, string text, string messageId)
    {
        JsonElement root = default;
        try
        {
            if (!string.IsNullOrWhiteSpace(text)) root = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status code alone has to tell.
        }

        string? Text(string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        if (httpStatus == StatusCodes.Status200OK)
        {
            Guid? threadId = Guid.TryParse(Text("thread_id"), out var id) ? id : null;
            var status = Text("status");
            var problem = status == "ignored" ? $"Ignored by the webhook: {Text("reason")}" : null;
            return new WebhookAnswer(httpStatus, status, Text("reply"), threadId, problem, messageId);
        }

        var detail = string.Join(": ", new[] { Text("title") ?? Text("error"), Text("detail") }.Where(p => !string.IsNullOrEmpty(p)));
        return new WebhookAnswer(httpStatus, null, null, null, $"HTTP {httpStatus}{(detail.Length > 0 ? " · " + detail : "")}", messageId);
    }

    /// <summary>The gateway's JSON (<see cref="GatewayPayload"/> reads these fields).</summary>
    private sealed record GatewayWireMessage(
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("body")] string Body,
        [property: JsonPropertyName("message_id")] string MessageId,
        [property: JsonPropertyName("timestamp")] long Timestamp);

    [LoggerMessage(EventId = 9601, Level = LogLevel.Warning, Message = "The simulator could not reach the webhook at {BaseAddress}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string baseAddress, string reason);
}
