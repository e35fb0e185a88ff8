using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>Signs and sends webhook requests the way the gateway does, and reads the answers.</summary>
internal static class Gateway
{
    public const string IngestPath = "/api/v1/ops/whatsapp/ingest";

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string Body(string from, string text, string? messageId = null, string? name = null) =>
        JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["from"] = from,
            ["body"] = text,
            ["message_id"] = messageId,
            ["name"] = name,
        }.Where(p => p.Value is not null).ToDictionary());

    public static string NewMessageId() => "wamid.test-" + Guid.NewGuid().ToString("N");

    /// <summary>X-Clawdbot-* signed over the exact bytes sent.</summary>
    public static HttpRequestMessage Signed(string body, string? requestId = null, long? timestamp = null, string secret = OpsWebFactory.WebhookSecret) =>
        Signed(Encoding.UTF8.GetBytes(body), requestId, timestamp, secret);

    public static HttpRequestMessage Signed(byte[] body, string? requestId = null, long? timestamp = null, string secret = OpsWebFactory.WebhookSecret)
    {
        var ts = timestamp ?? Now;
        var request = Unsigned(body, requestId);
        request.Headers.Add(WebhookHeaders.ClawdbotTimestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(secret, ts, body));
        return request;
    }

    public static HttpRequestMessage Unsigned(byte[] body, string? requestId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (requestId is not null) request.Headers.Add("X-Request-Id", requestId);
        return request;
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string? Text(this JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A WhatsApp number paired (ACTIVE identity) to a fresh tenant's dispatcher.</summary>
internal sealed record PairedPhone(int TenantId, Guid UserId, Guid IdentityId, string Phone)
{
    public string From => "whatsapp:" + Phone;
}

internal static class Phones
{
    private static long counter = Random.Shared.NextInt64(10_000_000, 90_000_000);

    /// <summary>A valid, process-unique E.164 number (digits only).</summary>
    public static string Next() => "4366" + Interlocked.Increment(ref counter).ToString("D8", CultureInfo.InvariantCulture);

    public static async Task<PairedPhone> PairAsync(OpsWebFactory factory, string? phone = null)
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        phone ??= Next();
        var identityId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3) RETURNING id", tenant.Id, user.Id, phone);
        return new PairedPhone(tenant.Id, user.Id, identityId, phone);
    }
}
