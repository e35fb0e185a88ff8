using System.Text.Json;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Outbox;

/// <summary>Reading what the fake gateway received.</summary>
public static class GatewayRequests
{
    public const string IdempotencyKey = "Idempotency-Key";

    public static IReadOnlyList<RecordedRequest> ForKey(this IEnumerable<RecordedRequest> requests, Guid notificationId) =>
        requests.Where(r => r.Header(IdempotencyKey) == notificationId.ToString()).ToList();

    public static JsonElement Json(this RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    public static SignatureCheck VerifySignature(this RecordedRequest request, string secret) =>
        new WebhookSignatureVerifier(TimeProvider.System).Verify(request.Body, request.Header, new WebhookSecrets(secret, null), TimeSpan.FromMinutes(5));
}
