using System.Net;
using System.Text;
using System.Text.Json;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>Bad input never costs data and never yields a 500 (docs/webhook.md); odd but valid input is kept verbatim.</summary>
public sealed class WebhookInputTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private TestDatabase Db => factory.Database;

    public static TheoryData<string, string> InvalidPayloads() => new()
    {
        { "not json at all", "body" },
        { """{"from":"436641234567","body":"unterminated""", "body" },
        { "", "body" },
        { "[1,2,3]", "body" },
        { "\"just a string\"", "body" },
        { """{"body":"no sender","message_id":"m-1"}""", "from" },
        { """{"from":"436641234567","message_id":"m-2"}""", "body" },
        { """{"from":null,"body":"x"}""", "from" },
        { """{"from":436641234567,"body":"number sender"}""", "from" },
        { """{"from":"436641234567","body":{"text":"object body"}}""", "body" },
        { """{"from":"436641234567","body":["array"]}""", "body" },
        { """{"from":"436641234567","body":"   "}""", "body" },
        { """{"from":"436641234567","body":"x","message_id":42}""", "message_id" },
        { """{"from":"436641234567","body":"x","name":["Max"]}""", "name" },
        { """{"from":"436641234567","body":"x","timestamp":true}""", "timestamp" },
        { """{"from":"436641234567","body":"NUL \u0000 inside"}""", "body" },
        { """{"from":"436641234567","body":"lone \ud800 surrogate"}""", "body" },
        { """{"from":"436641234567","body":"x","body":"twice"}""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidPayloads))]
    public async Task Invalid_payloads_are_400_problems_naming_the_field_and_write_nothing(string payload, string field)
    {
        var before = await CountRowsAsync();

        using var response = await factory.CreateClient().SendAsync(Gateway.Signed(payload));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.Text("field").ShouldBe(field);
        problem.Text("error").ShouldBe("invalid_payload");
        (await CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_overlong_request_id_is_a_400_naming_the_header()
    {
        using var response = await factory.CreateClient().SendAsync(
            Gateway.Signed(Gateway.Body(Phones.Next(), "x", Gateway.NewMessageId()), requestId: new string('r', 300)));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Text("field").ShouldBe("X-Request-Id");
    }

    [Theory]
    [InlineData("whatsapp:hello")]
    [InlineData("0664 1234567")]
    [InlineData("+12")]
    [InlineData("whatsapp:+43 664 12345678901234")]
    [InlineData("436641234567; DROP TABLE ops.events")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_sender_that_is_not_a_phone_number_is_ignored_and_nothing_is_written(string from)
    {
        var before = await CountRowsAsync();
        var messageId = Gateway.NewMessageId();

        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(from, "hello", messageId)));

        answer.Text("status").ShouldBe("ignored");
        answer.Text("reason").ShouldBe("invalid_sender");
        (await CountRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_whether_its_length_is_announced_or_streamed()
    {
        var messageId = Gateway.NewMessageId();
        var big = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), new string('a', 65 * 1024), messageId));
        var client = factory.CreateClient();

        using (var announced = await client.SendAsync(Gateway.Signed(big)))
        {
            announced.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            announced.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        var chunked = Gateway.Signed(big);
        chunked.Content = new StreamContent(new NoLengthStream(big));
        chunked.Content.Headers.ContentType = new("application/json");
        using (var streamed = await client.SendAsync(chunked))
            streamed.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_accepted()
    {
        var messageId = Gateway.NewMessageId();
        var skeleton = Gateway.Body(Phones.Next(), "", messageId);
        var body = Gateway.Body(JsonDocument.Parse(skeleton).RootElement.Text("from")!, new string('b', 64 * 1024 - Encoding.UTF8.GetByteCount(skeleton)), messageId);
        Encoding.UTF8.GetByteCount(body).ShouldBe(64 * 1024);

        (await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(body))).Text("status").ShouldBe("processed");
    }

    [Theory]
    [InlineData("Grüße aus Wien 🚚💨 – Motor kaputt ✅ 日本語")]
    [InlineData("'; DROP TABLE ops.events; -- \" OR 1=1; SELECT pg_sleep(10);")]
    [InlineData("<script>alert('x')</script><img src=x onerror=alert(1)> &amp; {{ template }} ${jndi:ldap://x}")]
    [InlineData("line one\nline two\r\n\ttabbed \\ backslash \u2028 separator")]
    public async Task Unicode_emoji_sql_and_html_are_processed_and_stored_verbatim(string text)
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();

        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(paired.From, text, messageId)));

        answer.Text("status").ShouldBe("processed");
        (await Db.ScalarAsync<string>("SELECT payload->>'body' FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId))
            .ShouldBe(text);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type IN ('MESSAGE_IN', 'MESSAGE_OUT')", paired.TenantId)).ShouldBe(2L);
    }

    public static TheoryData<string> HostileRequests() =>
    [
        "{}", "{\"from\":{}}", "{\"from\":\"\",\"body\":\"\"}", "[]", "null", "true", "1e309", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
        "\uFEFF{\"from\":\"436641234567\",\"body\":\"bom\"}", "{\"from\":\"whatsapp:+\",\"body\":\"x\"}",
        "{\"from\":\"436641234567\",\"body\":\"x\",\"message_id\":\"" + new string('m', 257) + "\"}",
        "{\"from\":\"436641234567\",\"body\":\"x\",\"timestamp\":\"" + new string('9', 40) + "\"}",
    ];

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task No_input_ever_yields_a_500(string payload)
    {
        using var signed = await factory.CreateClient().SendAsync(Gateway.Signed(payload));
        ((int)signed.StatusCode).ShouldBeLessThan(500, await signed.Content.ReadAsStringAsync());

        using var unsigned = await factory.CreateClient().SendAsync(Gateway.Unsigned(Encoding.UTF8.GetBytes(payload)));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invalid_utf8_bytes_are_a_400_not_a_500()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"from\":\"436641234567\",\"body\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")];
        using var response = await factory.CreateClient().SendAsync(Gateway.Signed(body));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_cloud_api_channel_answers_404_problems_until_it_is_configured()
    {
        var client = factory.CreateClient();
        using var handshake = await client.GetAsync("/api/v1/ops/whatsapp/meta?hub.mode=subscribe&hub.verify_token=&hub.challenge=1");
        handshake.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        handshake.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var delivery = await client.PostAsync("/api/v1/ops/whatsapp/meta", new StringContent("{\"entry\":[]}", Encoding.UTF8, "application/json"));
        delivery.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await delivery.Content.ReadAsStringAsync()).RootElement.Text("error").ShouldBe("channel_not_configured");
    }

    private async Task<(long Dedup, long Events, long Threads, long Logs)> CountRowsAsync() => (
        await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup"),
        await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events"),
        await Db.ScalarAsync<long>("SELECT count(*) FROM ops.threads"),
        await Db.ScalarAsync<long>("SELECT count(*) FROM ops.webhook_logs"));

    /// <summary>A body whose length the client cannot know up front (sent chunked on a real socket).</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
