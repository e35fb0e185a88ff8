using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>
/// The WhatsApp Cloud API: POST {BaseUrl}/{PhoneNumberId}/messages. Templates carry their body parameters
/// named or positional (OpsCopilot:CloudApi:ParameterFormat); free text goes out only inside the recipient's
/// 24-hour window and is refused before any request otherwise. biz_opaque_callback_data carries the
/// notification id, so Meta's status webhooks can be matched even before we stored the wamid.
/// </summary>
public sealed class CloudApiNotificationSender(IHttpClientFactory httpClients, IOptions<CloudApiOptions> options, TimeProvider clock)
    : HttpNotificationSender(httpClients, HttpClientName, "cloud api", options.Value.TimeoutMs, clock)
{
    public const string HttpClientName = "ops-cloud-api";

    // Meta error codes that mean "slow down" rather than "this message is wrong".
    private static readonly HashSet<int> ThrottlingCodes = [4, 80007, 130429, 131048, 131056];
    // Meta error codes that are temporary on their side.
    private static readonly HashSet<int> TransientCodes = [1, 2, 131000, 131016, 133004];

    private readonly CloudApiOptions options = options.Value;

    public override string Name => "cloud_api";

    public override string SenderKey(OutboundMessage message) => options.PhoneNumberId ?? Name;

    public override Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Template is null && CustomerServiceWindow.RefusalForFreeText(message.RecipientLastInboundAt, Clock.GetUtcNow()) is { } refusal)
            return Task.FromResult(SendResult.Permanent(refusal));

        var url = $"{options.BaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(options.PhoneNumberId ?? "")}/messages";
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(message, options.ParameterFormat));
        return SendAsync(async (client, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = OutboundHttp.Json(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
            return await client.SendAsync(request, token);
        }, InterpretAsync, cancellationToken);
    }

    public static JsonObject Payload(OutboundMessage message, TemplateParameterFormat format)
    {
        var payload = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = message.RecipientPhone,
            ["biz_opaque_callback_data"] = message.IdempotencyKey,
        };
        if (message.Template is not { } template)
        {
            payload["type"] = "text";
            payload["text"] = new JsonObject { ["preview_url"] = false, ["body"] = message.Text };
            return payload;
        }

        var body = new JsonObject { ["name"] = template.Name, ["language"] = new JsonObject { ["code"] = template.Language } };
        if (template.Parameters.Count > 0)
        {
            var parameters = new JsonArray();
            foreach (var parameter in template.Parameters)
            {
                var item = new JsonObject { ["type"] = "text" };
                if (format == TemplateParameterFormat.Named) item["parameter_name"] = parameter.Name;
                item["text"] = parameter.Value;
                parameters.Add(item);
            }
            body["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
        }
        payload["type"] = "template";
        payload["template"] = body;
        return payload;
    }

    private async Task<SendResult> InterpretAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }

        if (response.IsSuccessStatusCode)
            return SendResult.Sent(json?["messages"]?[0]?["id"]?.GetValue<string>());

        if (json?["error"] is JsonObject error && error["code"]?.GetValueKind() == JsonValueKind.Number)
        {
            var code = error["code"]!.GetValue<int>();
            var description = $"cloud api error {code}: {error["message"]?.ToString()}"
                + (error["error_data"]?["details"] is { } details ? $" ({details})" : "");
            description = description.Length > 500 ? description[..500] + "…" : description;
            if (ThrottlingCodes.Contains(code)) return SendResult.Throttled(OutboundHttp.RetryAfter(response, Clock), description);
            if (TransientCodes.Contains(code) || (int)response.StatusCode >= 500) return SendResult.Transient(description);
            return SendResult.Permanent(description);
        }
        return FromStatus(response, text);
    }
}
