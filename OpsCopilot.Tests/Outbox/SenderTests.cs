using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Notifications.Senders;

namespace OpsCopilot.Tests.Outbox;

/// <summary>The HTTP senders against a fake provider on 127.0.0.1: request shape, and how each answer is read.</summary>
public sealed class SenderTests : IAsyncLifetime
{
    private readonly ServiceProvider http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private FakeHttpServer server = null!;

    public async Task InitializeAsync() => server = await FakeHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await http.DisposeAsync();
    }

    private static readonly OutboundTemplate ShiftReminder = new("shift_reminder_v1", "de",
        [new("driver_name", "Max"), new("date", "24.12."), new("time", "06:00")]);

    private static OutboundMessage Template() =>
        new(Guid.NewGuid(), 1, "436641000001", NotificationKind.Template, "Hallo Max, Schicht am 24.12. um 06:00.", ShiftReminder, null, 1);

    private static OutboundMessage Text(DateTimeOffset? lastInboundAt) =>
        new(Guid.NewGuid(), 1, "436641000001", NotificationKind.Text, "Bitte zurückrufen", null, lastInboundAt, 1);

    private CloudApiNotificationSender CloudApi(TemplateParameterFormat format = TemplateParameterFormat.Named) =>
        new(http.GetRequiredService<IHttpClientFactory>(), Options.Create(new CloudApiOptions
        {
            BaseUrl = server.Url("/v21.0").ToString(),
            PhoneNumberId = "1234567890",
            AccessToken = "token-abc",
            ParameterFormat = format,
            TimeoutMs = 30_000,
        }), TimeProvider.System);

    private GatewayNotificationSender Gateway() =>
        new(http.GetRequiredService<IHttpClientFactory>(), Options.Create(new GatewayOptions
        {
            SendUrl = server.Url("/send").ToString(),
            Secret = "s3cret",
            TimeoutMs = 30_000,
        }), TimeProvider.System);

    [Fact]
    public async Task Cloud_api_template_messages_carry_named_parameters_and_return_the_wamid()
    {
        server.Script(FakeResponse.Ok("""{"messaging_product":"whatsapp","contacts":[{"wa_id":"436641000001"}],"messages":[{"id":"wamid.HBgL"}]}"""));
        var message = Template();

        var result = await CloudApi().SendAsync(message, CancellationToken.None);

        result.ShouldBe(SendResult.Sent("wamid.HBgL"));
        var request = server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/v21.0/1234567890/messages");
        request.Header("Authorization").ShouldBe("Bearer token-abc");
        var json = request.Json();
        json.GetProperty("messaging_product").GetString().ShouldBe("whatsapp");
        json.GetProperty("to").GetString().ShouldBe("436641000001");
        json.GetProperty("type").GetString().ShouldBe("template");
        json.GetProperty("biz_opaque_callback_data").GetString().ShouldBe(message.IdempotencyKey);
        var template = json.GetProperty("template");
        template.GetProperty("name").GetString().ShouldBe("shift_reminder_v1");
        template.GetProperty("language").GetProperty("code").GetString().ShouldBe("de");
        var parameters = template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().ToList();
        parameters.Select(p => p.GetProperty("parameter_name").GetString()).ShouldBe(["driver_name", "date", "time"]);
        parameters.Select(p => p.GetProperty("text").GetString()).ShouldBe(["Max", "24.12.", "06:00"]);
    }

    [Fact]
    public async Task Cloud_api_positional_parameters_follow_expected_params_order()
    {
        server.Script(FakeResponse.Ok("""{"messages":[{"id":"wamid.2"}]}"""));
        await CloudApi(TemplateParameterFormat.Positional).SendAsync(Template(), CancellationToken.None);
        var parameters = server.Requests.Single().Json().GetProperty("template").GetProperty("components")[0].GetProperty("parameters").EnumerateArray().ToList();
        parameters.Select(p => p.GetProperty("text").GetString()).ShouldBe(["Max", "24.12.", "06:00"]);
        parameters.Count(p => p.TryGetProperty("parameter_name", out var _)).ShouldBe(0);
    }

    [Fact]
    public async Task Cloud_api_free_text_is_sent_inside_the_window_and_refused_before_any_request_outside_it()
    {
        server.Script(FakeResponse.Ok("""{"messages":[{"id":"wamid.3"}]}"""));
        (await CloudApi().SendAsync(Text(DateTimeOffset.UtcNow.AddHours(-23)), CancellationToken.None)).Outcome.ShouldBe(SendOutcome.Sent);
        server.Requests.Single().Json().GetProperty("text").GetProperty("body").GetString().ShouldBe("Bitte zurückrufen");

        var refused = await CloudApi().SendAsync(Text(DateTimeOffset.UtcNow.AddHours(-25)), CancellationToken.None);
        refused.Outcome.ShouldBe(SendOutcome.Permanent);
        refused.Error!.ShouldContain("24-hour");
        (await CloudApi().SendAsync(Text(null), CancellationToken.None)).Error!.ShouldContain("no inbound message on record");
        server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(400, 131047, SendOutcome.Permanent)]
    [InlineData(400, 132001, SendOutcome.Permanent)]
    [InlineData(400, 130429, SendOutcome.Throttled)]
    [InlineData(400, 131056, SendOutcome.Throttled)]
    [InlineData(500, 131000, SendOutcome.Transient)]
    [InlineData(503, 131016, SendOutcome.Transient)]
    public async Task Cloud_api_error_codes_are_read_as_what_they_mean(int status, int code, SendOutcome expected)
    {
        server.Script(new FakeResponse(status, $$$"""{"error":{"message":"(#{{{code}}}) something","type":"OAuthException","code":{{{code}}},"fbtrace_id":"A1"}}"""));
        var result = await CloudApi().SendAsync(Template(), CancellationToken.None);
        result.Outcome.ShouldBe(expected);
        result.Error!.ShouldContain($"cloud api error {code}");
    }

    [Theory]
    [InlineData(400, SendOutcome.Permanent)]
    [InlineData(404, SendOutcome.Permanent)]
    [InlineData(408, SendOutcome.Transient)]
    [InlineData(500, SendOutcome.Transient)]
    [InlineData(502, SendOutcome.Transient)]
    [InlineData(503, SendOutcome.Transient)]
    public async Task Gateway_status_codes_are_read_as_permanent_or_transient(int status, SendOutcome expected)
    {
        server.Script(new FakeResponse(status, """{"error":"no such number 436641234567"}"""));
        var result = await Gateway().SendAsync(Template(), CancellationToken.None);
        result.Outcome.ShouldBe(expected);
        result.Error!.ShouldContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Error!.ShouldNotContain("436641234567");
    }

    [Fact]
    public async Task Gateway_429_and_503_with_retry_after_throttle_and_409_with_a_message_id_counts_as_sent()
    {
        server.Script(FakeResponse.TooManyRequests(7),
            new FakeResponse(503, null, Headers: new Dictionary<string, string> { ["Retry-After"] = "3" }),
            new FakeResponse(409, """{"message_id":"gw-earlier"}"""));
        var gateway = Gateway();

        (await gateway.SendAsync(Template(), CancellationToken.None)).ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(SendOutcome.Throttled), r => r.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7)));
        (await gateway.SendAsync(Template(), CancellationToken.None)).RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        (await gateway.SendAsync(Template(), CancellationToken.None)).ShouldBe(SendResult.Sent("gw-earlier"));
    }

    [Fact]
    public async Task Gateway_connection_failures_are_transient()
    {
        var closed = server.BaseUrl;
        await server.DisposeAsync();
        server = await FakeHttpServer.StartAsync();
        var sender = new GatewayNotificationSender(http.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new GatewayOptions { SendUrl = new Uri(closed, "send").ToString(), Secret = "s", TimeoutMs = 1000 }), TimeProvider.System);
        var result = await sender.SendAsync(Template(), CancellationToken.None);
        result.Outcome.ShouldBe(SendOutcome.Transient);
        result.Error!.ShouldContain("unreachable");
    }

    [Fact]
    public async Task The_development_sender_records_messages_for_the_simulator()
    {
        var outbox = new DevelopmentOutbox();
        DevelopmentMessage? raised = null;
        outbox.MessageSent += m => raised = m;
        var message = Template();

        var result = await new DevelopmentNotificationSender(outbox, TimeProvider.System).SendAsync(message, CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Sent);
        var recorded = outbox.Recent(tenantId: 1).ShouldHaveSingleItem();
        recorded.ShouldBe(raised);
        recorded.ProviderMessageId.ShouldBe(result.ProviderMessageId);
        recorded.TemplateName.ShouldBe("shift_reminder_v1");
        outbox.Recent(tenantId: 2).ShouldBeEmpty();
    }
}
