using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OpsCopilot.Web.Features.Operations.Alerts;

/// <summary>Posts queued alerts to ALERT_WEBHOOK_URL, each within ALERT_WEBHOOK_TIMEOUT_MS; failures are logged, not retried.</summary>
public sealed partial class AlertDispatcher(
    AlertPublisher publisher,
    IHttpClientFactory httpClients,
    IOptionsMonitor<AlertOptions> options,
    ILogger<AlertDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "ops-alerts";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var raised in publisher.Pending.ReadAllAsync(stoppingToken))
                await PostAsync(raised, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PostAsync(RaisedAlert raised, CancellationToken stoppingToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(current.WebhookUrl)) return;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(current.TimeoutMs);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(current.WebhookUrl, AlertPayload.From(raised), timeout.Token);
            if (!response.IsSuccessStatusCode) LogRejected(raised.Alert.Key, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogTimedOut(raised.Alert.Key, current.TimeoutMs);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(raised.Alert.Key, ex.Message);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Alert {AlertKey} was not accepted by the alert webhook: HTTP {StatusCode}")]
    private partial void LogRejected(string alertKey, int statusCode);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Alert {AlertKey} timed out after {TimeoutMs} ms")]
    private partial void LogTimedOut(string alertKey, int timeoutMs);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Alert {AlertKey} could not be posted: {Reason}")]
    private partial void LogUnreachable(string alertKey, string reason);
}

/// <summary>The POSTed JSON. "text" makes it readable as-is by Slack/Teams-style incoming webhooks.</summary>
internal sealed record AlertPayload(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("alert")] string Alert,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, object?>? Details,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("raised_at")] DateTimeOffset RaisedAt)
{
    public static AlertPayload From(RaisedAlert raised) => new(
        $"[Ops Copilot] {raised.Alert.Severity.ToUpperInvariant()} {raised.Alert.Key}: {raised.Alert.Summary}",
        raised.Alert.Key, raised.Alert.Severity, raised.Alert.Summary, raised.Alert.Details,
        "ops-copilot", Environment.MachineName, raised.RaisedAt);
}
