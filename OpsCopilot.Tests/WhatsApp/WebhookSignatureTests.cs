using System.Globalization;
using System.Net;
using System.Text;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// The signature cases the Stripe and Standard Webhooks libraries test, through the real HTTP pipeline. Every
/// refused request leaves no trace in the database.
/// </summary>
public sealed class WebhookSignatureTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private const string Secret = OpsWebFactory.WebhookSecret;

    public static TheoryData<string> Refusals() =>
    [
        "missing headers", "only the timestamp", "only the signature", "wrong secret", "body changed by one byte",
        "signature of another timestamp", "non-hex signature", "truncated signature", "non-numeric timestamp",
        "empty signature", "standard: wrong secret", "standard: no v1 prefix", "standard: not base64", "standard: other message id",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_badly_signed_request_is_401_invalid_signature_and_writes_nothing(string refusal)
    {
        var messageId = Gateway.NewMessageId();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), "LKW W-1234 hat Bremsenproblem", messageId));
        var now = Gateway.Now;
        var request = Gateway.Unsigned(body);
        var headers = request.Headers;
        switch (refusal)
        {
            case "missing headers":
                break;
            case "only the timestamp":
                headers.Add(WebhookHeaders.ClawdbotTimestamp, Text(now));
                break;
            case "only the signature":
                headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(Secret, now, body));
                break;
            case "wrong secret":
                Clawdbot(headers, now, WebhookSigner.SignClawdbot("not-the-secret", now, body));
                break;
            case "body changed by one byte":
                var changed = (byte[])body.Clone();
                changed[changed.Length / 2] ^= 0x01;
                Clawdbot(headers, now, WebhookSigner.SignClawdbot(Secret, now, changed));
                break;
            case "signature of another timestamp":
                Clawdbot(headers, now, WebhookSigner.SignClawdbot(Secret, now - 1, body));
                break;
            case "non-hex signature":
                Clawdbot(headers, now, new string('z', 64));
                break;
            case "truncated signature":
                Clawdbot(headers, now, WebhookSigner.SignClawdbot(Secret, now, body)[..40]);
                break;
            case "non-numeric timestamp":
                headers.Add(WebhookHeaders.ClawdbotTimestamp, "yesterday");
                headers.Add(WebhookHeaders.ClawdbotSignature, WebhookSigner.SignClawdbot(Secret, now, body));
                break;
            case "empty signature":
                Clawdbot(headers, now, "");
                break;
            case "standard: wrong secret":
                Standard(headers, "msg_1", now, WebhookSigner.SignStandard("whsec_other", "msg_1", now, body));
                break;
            case "standard: no v1 prefix":
                Standard(headers, "msg_1", now, WebhookSigner.SignStandard(Secret, "msg_1", now, body)[3..]);
                break;
            case "standard: not base64":
                Standard(headers, "msg_1", now, "v1,!!!not-base64!!!");
                break;
            case "standard: other message id":
                Standard(headers, "msg_2", now, WebhookSigner.SignStandard(Secret, "msg_1", now, body));
                break;
        }

        using var response = await factory.CreateClient().SendAsync(request);

        await ShouldBeUnauthorizedAsync(response, "invalid_signature");
        await ShouldHaveWrittenNothingAsync(messageId);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_timestamp_301_seconds_old_or_in_the_future_is_401_stale_timestamp(int offsetSeconds)
    {
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(Phones.Next(), "hilfe", messageId);

        using var clawdbot = await factory.CreateClient().SendAsync(Gateway.Signed(body, timestamp: Gateway.Now + offsetSeconds));
        await ShouldBeUnauthorizedAsync(clawdbot, "stale_timestamp");

        var bytes = Encoding.UTF8.GetBytes(body);
        var request = Gateway.Unsigned(bytes);
        var ts = Gateway.Now + offsetSeconds;
        Standard(request.Headers, "msg_stale", ts, WebhookSigner.SignStandard(Secret, "msg_stale", ts, bytes));
        using var standard = await factory.CreateClient().SendAsync(request);
        await ShouldBeUnauthorizedAsync(standard, "stale_timestamp");

        await ShouldHaveWrittenNothingAsync(messageId);
    }

    [Theory]
    [InlineData(-290)]
    [InlineData(290)]
    public async Task A_timestamp_inside_the_tolerance_is_accepted_in_both_directions(int offsetSeconds)
    {
        var answer = await Gateway.SendAsync(factory.CreateClient(),
            Gateway.Signed(Gateway.Body(Phones.Next(), "hilfe", Gateway.NewMessageId()), timestamp: Gateway.Now + offsetSeconds));
        answer.Text("status").ShouldBe("processed");
    }

    [Fact]
    public async Task A_sha256_prefixed_signature_is_accepted()
    {
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), "hilfe", Gateway.NewMessageId()));
        var now = Gateway.Now;
        var request = Gateway.Unsigned(body);
        Clawdbot(request.Headers, now, "sha256=" + WebhookSigner.SignClawdbot(Secret, now, body));

        (await Gateway.SendAsync(factory.CreateClient(), request)).Text("status").ShouldBe("processed");
    }

    [Fact]
    public async Task Standard_webhooks_headers_are_accepted_including_one_valid_signature_among_several()
    {
        var client = factory.CreateClient();
        foreach (var signatures in new Func<string, string>[]
                 {
                     valid => valid,
                     valid => $"v1,{Convert.ToBase64String(new byte[32])} {valid}",
                     valid => $"v2,abc {valid} v1,{Convert.ToBase64String(Encoding.UTF8.GetBytes("nope-nope-nope-nope-nope-nope-32"))}",
                 })
        {
            var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), "hilfe", Gateway.NewMessageId()));
            var now = Gateway.Now;
            var request = Gateway.Unsigned(body);
            var id = "msg_" + Guid.NewGuid().ToString("N");
            Standard(request.Headers, id, now, signatures(WebhookSigner.SignStandard(Secret, id, now, body)));

            (await Gateway.SendAsync(client, request)).Text("status").ShouldBe("processed");
        }
    }

    [Fact]
    public async Task The_previous_secret_is_accepted_only_while_it_is_configured()
    {
        const string oldSecret = "old-webhook-secret";
        var body = Gateway.Body(Phones.Next(), "hilfe", Gateway.NewMessageId());

        using (var notRotating = await factory.CreateClient().SendAsync(Gateway.Signed(body, secret: oldSecret)))
            await ShouldBeUnauthorizedAsync(notRotating, "invalid_signature");

        await using var rotating = factory.WithWebHostBuilder(b => b.UseSetting("OpsCopilot:Webhook:PreviousSecret", oldSecret));
        var client = rotating.CreateClient();
        (await Gateway.SendAsync(client, Gateway.Signed(body, secret: oldSecret))).Text("status").ShouldBe("processed");
        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(Phones.Next(), "hilfe", Gateway.NewMessageId())))).Text("status").ShouldBe("processed");
        using var unknown = await client.SendAsync(Gateway.Signed(Gateway.Body(Phones.Next(), "hilfe"), secret: "some-other-secret"));
        await ShouldBeUnauthorizedAsync(unknown, "invalid_signature");
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains("previous secret", StringComparison.Ordinal));
    }

    private static void Clawdbot(System.Net.Http.Headers.HttpRequestHeaders headers, long timestamp, string signature)
    {
        headers.Add(WebhookHeaders.ClawdbotTimestamp, Text(timestamp));
        headers.TryAddWithoutValidation(WebhookHeaders.ClawdbotSignature, signature);
    }

    private static void Standard(System.Net.Http.Headers.HttpRequestHeaders headers, string id, long timestamp, string signature)
    {
        headers.Add(WebhookHeaders.StandardId, id);
        headers.Add(WebhookHeaders.StandardTimestamp, Text(timestamp));
        headers.TryAddWithoutValidation(WebhookHeaders.StandardSignature, signature);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        System.Text.Json.JsonDocument.Parse(text).RootElement.Text("error").ShouldBe(error);
    }

    private async Task ShouldHaveWrittenNothingAsync(string messageId)
    {
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE payload->>'message_id' = $1", messageId)).ShouldBe(0L);
    }
}
