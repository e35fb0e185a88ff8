using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Features.Simulator;

namespace OpsCopilot.Tests.Simulator;

/// <summary>
/// The simulator's sender against the real webhook of the same host: the request it builds is the gateway's
/// (signed over the exact bytes), the webhook processes it like any other, and it never speaks for another tenant.
/// </summary>
public sealed class SimulatorWebhookTests : IClassFixture<OpsWebFactory>
{
    private readonly OpsWebFactory factory;

    public SimulatorWebhookTests(OpsWebFactory factory)
    {
        // Before the first request builds this class's host. The host posts to itself; under TestServer that is its in-memory handler.
        factory.Settings["OpsCopilot:Simulator:Enabled"] = "true";
        factory.Settings["OpsCopilot:Simulator:BaseAddress"] = "http://localhost/";
        factory.TestServices = services =>
        {
            services.AddSingleton<SentRequests>();
            services.AddTransient<RecordingHandler>();
            services.AddHttpClient(SimulatorWebhookClient.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler())
                .AddHttpMessageHandler<RecordingHandler>();
        };
        this.factory = factory;
    }

    private SentRequests sent => factory.Services.GetRequiredService<SentRequests>();

    [Fact]
    public async Task The_simulator_posts_the_gateways_signed_request_and_the_webhook_processes_it()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.Services.GetRequiredService<SimulatorWebhookClient>();
        var before = sent.Count(paired.Phone);

        var answer = await client.SendAsync(paired.Phone, "LKW W-1234 hat Bremsenproblem", CancellationToken.None);

        answer.Accepted.ShouldBeTrue(answer.Problem);
        answer.Status.ShouldBe("processed");
        answer.Reply.ShouldBe(DraftTexts.TicketDraftReply("Bremsenproblem LKW W-1234", "W-1234"));
        answer.ThreadId.ShouldNotBeNull();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND status = 'PENDING_CONFIRM'", paired.TenantId)).ShouldBe(1L);
        // X-Request-Id is the idempotency key, and the message id is recorded with it: a resend would be a duplicate.
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key = $1 AND message_id = $1 AND tenant_id = $2",
            answer.MessageId, paired.TenantId)).ShouldBe(1L);

        var request = sent.For(paired.Phone).Skip(before).ShouldHaveSingleItem();
        request.Path.ShouldBe(Gateway.IngestPath);
        request.ContentType.ShouldBe("application/json");
        request.Headers["X-Request-Id"].ShouldBe(answer.MessageId);
        var timestamp = long.Parse(request.Headers[WebhookHeaders.ClawdbotTimestamp], CultureInfo.InvariantCulture);
        timestamp.ShouldBeInRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        request.Headers[WebhookHeaders.ClawdbotSignature].ShouldBe(WebhookSigner.SignClawdbot(OpsWebFactory.WebhookSecret, timestamp, request.Body));
        using (var json = JsonDocument.Parse(request.Body))
        {
            json.RootElement.GetProperty("from").GetString().ShouldBe("whatsapp:+" + paired.Phone);
            json.RootElement.GetProperty("body").GetString().ShouldBe("LKW W-1234 hat Bremsenproblem");
            json.RootElement.GetProperty("message_id").GetString().ShouldBe(answer.MessageId);
        }

        // The signature covers the exact bytes: the same headers over a changed body are refused.
        var tampered = request.Body.ToArray();
        tampered[^3] ^= 0x01;
        var forged = Gateway.Unsigned(tampered, "forged-" + answer.MessageId);
        forged.Headers.Add(WebhookHeaders.ClawdbotTimestamp, request.Headers[WebhookHeaders.ClawdbotTimestamp]);
        forged.Headers.Add(WebhookHeaders.ClawdbotSignature, request.Headers[WebhookHeaders.ClawdbotSignature]);
        (await Gateway.SendAsync(factory.CreateClient(), forged, HttpStatusCode.Unauthorized)).Text("error").ShouldBe("invalid_signature");
    }

    [Fact]
    public async Task Pairing_through_the_simulator_shows_the_reply_in_the_chat_of_that_number()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var phone = SimulatorNumbers.For(tenant.Id, 4711);

        await using var scope = factory.RuntimeScope(tenant.Id);
        var session = scope.ServiceProvider.GetRequiredService<SimulatorSession>();
        var result = await session.SendAsync(phone, "PAIR " + invite["otp"]!.GetValue<string>(), CancellationToken.None);

        result.Sent.ShouldBeTrue(result.Refusal);
        result.Answer!.Reply.ShouldBe(ConversationReplies.Paired);
        var chat = session.Conversation(phone);
        chat.Select(b => (b.Side, b.Text)).ShouldBe([(BubbleSide.Sent, "PAIR " + invite["otp"]!.GetValue<string>()), (BubbleSide.Received, ConversationReplies.Paired)]);
        session.Conversation(SimulatorNumbers.For(tenant.Id, 4712)).ShouldBeEmpty();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.identities WHERE tenant_id = $1 AND wa_user_id = $2 AND status = 'ACTIVE'", tenant.Id, phone))
            .ShouldBe(1L);
    }

    [Fact]
    public async Task A_number_of_another_tenant_is_refused_before_anything_is_sent_and_quick_picks_are_the_tenants_own()
    {
        var (mine, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (myDispatcher, _) = await factory.AddUserAsync(mine.Id, AppRole.Dispatcher);
        var myPhone = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", mine.Id, myDispatcher.Id, myPhone);
        var myDriver = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Maria Simulator', $2)", mine.Id, myDriver);
        var theirs = await Phones.PairAsync(factory);
        var theirDriver = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Otto Fremd', $2)", theirs.TenantId, theirDriver);

        await using var scope = factory.RuntimeScope(mine.Id);
        var session = scope.ServiceProvider.GetRequiredService<SimulatorSession>();
        var pairedElsewhere = await session.SendAsync(theirs.Phone, "LKW W-1 hat Bremsenproblem", CancellationToken.None);
        var driverElsewhere = await session.SendAsync(theirDriver, "STOP", CancellationToken.None);

        var nobodys = Phones.Next();
        var unknown = await session.SendAsync(nobodys, "LKW W-1 hat Bremsenproblem", CancellationToken.None);
        var theirSimulatorNumber = await session.SendAsync(SimulatorNumbers.For(theirs.TenantId, 1), "hilfe", CancellationToken.None);

        pairedElsewhere.Sent.ShouldBeFalse();
        driverElsewhere.Sent.ShouldBeFalse();
        unknown.Sent.ShouldBeFalse();
        theirSimulatorNumber.Sent.ShouldBeFalse();
        // Issue 11: a number of another tenant gets exactly the answer a number nobody has gets.
        string Neutral(SimulatorSendResult result, string phone) => result.Refusal!.Replace(phone, "<number>", StringComparison.Ordinal);
        Neutral(pairedElsewhere, theirs.Phone).ShouldBe(Neutral(unknown, nobodys));
        Neutral(driverElsewhere, theirDriver).ShouldBe(Neutral(unknown, nobodys));
        pairedElsewhere.Refusal!.ShouldNotContain("another tenant");
        sent.Count(theirs.Phone).ShouldBe(0);
        sent.Count(theirDriver).ShouldBe(0);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE wa_user_id = ANY($1)", (object)new[] { theirs.Phone, theirDriver })).ShouldBe(0L);

        (await session.SendAsync(myPhone, "hilfe", CancellationToken.None)).Sent.ShouldBeTrue();
        (await session.SendAsync(myDriver, "START", CancellationToken.None)).Sent.ShouldBeTrue();
        (await session.SendAsync(SimulatorNumbers.For(mine.Id, 1), "Hallo?", CancellationToken.None)).Answer!.Reply.ShouldBe(ConversationReplies.NotPaired);

        var contacts = scope.ServiceProvider.GetRequiredService<SimulatorContacts>();
        var picks = await contacts.FindAsync(null, 50, CancellationToken.None);
        picks.ShouldContain(new SimulatorContact(myPhone, myDispatcher.Email!, SimulatorContacts.PairedKind));
        picks.ShouldContain(new SimulatorContact(myDriver, "Maria Simulator", SimulatorContacts.DriverKind));
        picks.ShouldNotContain(c => c.Phone == theirs.Phone || c.Phone == theirDriver);
        (await contacts.FindAsync("maria", 50, CancellationToken.None)).Select(c => c.Phone).ShouldBe([myDriver]);
        (await contacts.FindAsync("+" + myPhone[..6], 50, CancellationToken.None)).ShouldContain(c => c.Phone == myPhone);
    }

    [Fact]
    public async Task The_page_is_there_for_an_admin_and_in_the_menu()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        using var client = await factory.SignedInClientAsync(admin.Email!, password);

        var response = await client.GetAsync("/simulator");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("data-testid=\"simulator-form\"");
        html.ShouldContain("WhatsApp simulator");
        html.ShouldNotContain(OpsWebFactory.WebhookSecret);
    }

    /// <summary>What the simulator put on the wire, per sender number.</summary>
    public sealed class SentRequests
    {
        private readonly ConcurrentQueue<CapturedRequest> requests = new();

        public void Add(CapturedRequest request) => requests.Enqueue(request);

        public IReadOnlyList<CapturedRequest> For(string phone) =>
            requests.Where(r => r.Body.Length > 0 && JsonDocument.Parse(r.Body).RootElement.GetProperty("from").GetString() == "whatsapp:+" + phone).ToList();

        public int Count(string phone) => For(phone).Count;
    }

    public sealed record CapturedRequest(string Path, string? ContentType, Dictionary<string, string> Headers, byte[] Body);

    private sealed class RecordingHandler(SentRequests sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            sent.Add(new CapturedRequest(request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.MediaType, headers, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
