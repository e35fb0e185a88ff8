using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Cli;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>Exactly once per message, decided by the database: retries, replays, races, host instances, failures.</summary>
public sealed class IngestIdempotencyTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private TestDatabase Db => factory.Database;

    [Fact]
    public async Task Fifty_parallel_identical_deliveries_have_one_set_of_effects_and_the_same_answer()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "LKW W-1234 hat Bremsenproblem", messageId);
        var timestamp = Gateway.Now;
        var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Gateway.SendAsync(client, Gateway.Signed(body, "req-" + messageId, timestamp))));

        answers.Count(a => a.Text("status") == "processed").ShouldBe(1);
        answers.Count(a => a.Text("status") == "duplicate").ShouldBe(49);
        answers.Select(a => a.Text("reply")).Distinct().ShouldBe([DraftTexts.TicketDraftReply("Bremsenproblem LKW W-1234", "W-1234")]);
        answers.Select(a => a.Text("thread_id")).Distinct().Count().ShouldBe(1);
        await ShouldHaveEffectsOnceAsync(messageId);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", paired.TenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task Two_host_instances_racing_on_one_database_produce_one_set_of_effects()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "Status Ticket #12", messageId);
        var timestamp = Gateway.Now;
        await using var second = new SecondHost(factory);
        var clients = new[] { factory.CreateClient(), second.CreateClient() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Gateway.SendAsync(clients[i % 2], Gateway.Signed(body, "req-" + messageId, timestamp))));

        answers.Count(a => a.Text("status") == "processed").ShouldBe(1);
        answers.ShouldAllBe(a => a.Text("status") == "processed" || a.Text("status") == "duplicate");
        answers.Select(a => a.Text("reply")).Distinct().Count().ShouldBe(1);
        await ShouldHaveEffectsOnceAsync(messageId);
    }

    [Fact]
    public async Task A_replay_with_a_new_request_id_but_the_same_message_id_is_a_duplicate()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "hilfe", messageId);
        var client = factory.CreateClient();

        var first = await Gateway.SendAsync(client, Gateway.Signed(body, "first-" + messageId));
        var replay = await Gateway.SendAsync(client, Gateway.Signed(body, "second-" + messageId, Gateway.Now + 1));

        first.Text("status").ShouldBe("processed");
        replay.Text("status").ShouldBe("duplicate");
        replay.Text("reply").ShouldBe(first.Text("reply"));
        replay.Text("thread_id").ShouldBe(first.Text("thread_id"));
        await ShouldHaveEffectsOnceAsync(messageId);
    }

    [Fact]
    public async Task The_message_id_is_the_key_without_a_request_id_and_a_hash_of_the_message_without_either()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        var messageId = Gateway.NewMessageId();
        var withId = Gateway.Body(paired.From, "ja", messageId);

        (await Gateway.SendAsync(client, Gateway.Signed(withId))).Text("status").ShouldBe("processed");
        (await Gateway.SendAsync(client, Gateway.Signed(withId))).Text("status").ShouldBe("duplicate");
        (await Db.ScalarAsync<string>("SELECT idempotency_key FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(messageId);

        // No ids at all: sha256(wa_user_id + timestamp + body[:100]); the payload's timestamp tells two sends apart.
        var text = "CONFIRM " + Guid.NewGuid();
        var monday = $$"""{"from":"{{paired.From}}","body":"{{text}}","timestamp":1767600000}""";
        var tuesday = $$"""{"from":"{{paired.From}}","body":"{{text}}","timestamp":"1767686400"}""";
        (await Gateway.SendAsync(client, Gateway.Signed(monday))).Text("status").ShouldBe("processed");
        (await Gateway.SendAsync(client, Gateway.Signed(monday, timestamp: Gateway.Now - 5))).Text("status").ShouldBe("duplicate");
        (await Gateway.SendAsync(client, Gateway.Signed(tuesday))).Text("status").ShouldBe("processed");
        var expectedKey = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(paired.Phone + "1767600000" + text)));
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key = $1 AND message_id IS NULL", expectedKey)).ShouldBe(1L);
    }

    [Fact]
    public async Task An_unpaired_sender_is_told_how_to_pair_and_only_the_dedup_row_records_it()
    {
        var phone = Phones.Next();
        var messageId = Gateway.NewMessageId();
        var client = factory.CreateClient();

        var answer = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:+" + phone, "Hallo?", messageId)));

        answer.Text("status").ShouldBe("processed");
        answer.Text("reply").ShouldBe(ConversationReplies.NotPaired);
        answer.GetProperty("thread_id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE payload->>'message_id' = $1", messageId)).ShouldBe(0L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.threads WHERE wa_user_id = $1", phone)).ShouldBe(0L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1 AND tenant_id IS NULL AND wa_user_id = $2", messageId, phone))
            .ShouldBe(1L);
        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:+" + phone, "Hallo?", messageId)))).Text("status").ShouldBe("duplicate");
    }

    [Fact]
    public async Task A_paired_sender_gets_one_thread_with_MESSAGE_IN_and_MESSAGE_OUT_per_message()
    {
        var paired = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        var first = Gateway.NewMessageId();
        var second = Gateway.NewMessageId();

        var a = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(paired.From, "eins", first, name: "Max")));
        var b = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(paired.From, "zwei", second)));

        a.Text("thread_id").ShouldBe(b.Text("thread_id"));
        var threadId = Guid.Parse(a.Text("thread_id")!);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.threads WHERE tenant_id = $1 AND wa_user_id = $2 AND identity_id = $3 AND last_inbound_at IS NOT NULL",
            paired.TenantId, paired.Phone, paired.IdentityId)).ShouldBe(1L);
        (await Db.ScalarAsync<DateTime?>("SELECT last_seen_at FROM ops.identities WHERE id = $1", paired.IdentityId)).ShouldNotBeNull();
        (await Db.ScalarAsync<string>("""
            SELECT string_agg(event_type, ',' ORDER BY id) FROM ops.events WHERE tenant_id = $1 AND thread_id = $2
            """, paired.TenantId, threadId)).ShouldBe("MESSAGE_IN,MESSAGE_OUT,MESSAGE_IN,MESSAGE_OUT");
        (await Db.ScalarAsync<string>("SELECT payload->>'wa_user_id' FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", first))
            .ShouldBe(Data.Security.PhoneNumbers.Mask(paired.Phone));
        (await Db.ScalarAsync<string>("SELECT payload->>'channel' FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", first))
            .ShouldBe("gateway");
        (await Db.ScalarAsync<string>("SELECT payload->>'reply' FROM ops.events WHERE event_type = 'MESSAGE_OUT' AND payload->>'in_reply_to' = $1", second))
            .ShouldBe(ConversationReplies.Help);
    }

    [Fact]
    public async Task A_revoked_identity_is_treated_as_unpaired()
    {
        var paired = await Phones.PairAsync(factory);
        await Db.ExecuteAsync("UPDATE ops.identities SET status = 'REVOKED', revoked_at = now() WHERE id = $1", paired.IdentityId);

        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(paired.From, "hilfe", Gateway.NewMessageId())));

        answer.Text("reply").ShouldBe(ConversationReplies.NotPaired);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1", paired.TenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_router_that_pairs_the_sender_gets_the_thread_and_events_written_for_the_new_tenant()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var phone = Phones.Next();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<ICommandRouter>(sp => new PairingRouter(sp.GetRequiredService<Data.OpsDbContext>(), tenant.Id, user.Id))));
        var messageId = Gateway.NewMessageId();

        var answer = await Gateway.SendAsync(host.CreateClient(), Gateway.Signed(Gateway.Body("whatsapp:" + phone, "PAIR 123456", messageId)));

        answer.Text("reply").ShouldBe(ConversationReplies.Paired);
        var threadId = Guid.Parse(answer.Text("thread_id")!);
        (await Db.ScalarAsync<int>("SELECT tenant_id FROM ops.threads WHERE id = $1", threadId)).ShouldBe(tenant.Id);
        (await Db.ScalarAsync<string>("SELECT string_agg(event_type, ',' ORDER BY id) FROM ops.events WHERE thread_id = $1", threadId))
            .ShouldBe("MESSAGE_IN,MESSAGE_OUT");
        // The audit trail keeps the message, not the one-time code.
        (await Db.ScalarAsync<string>("SELECT payload->>'body' FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId))
            .ShouldBe("PAIR ******");
        (await Db.ScalarAsync<int>("SELECT tenant_id FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(tenant.Id);
    }

    [Fact]
    public async Task A_database_failure_mid_message_answers_503_writes_nothing_and_the_retry_is_processed()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "LKW W-1234 hat Bremsenproblem", messageId);
        var failures = new FailingRouter(new NpgsqlException("Exception while reading from stream", new IOException("connection reset")));
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<ICommandRouter>(_ => failures)));
        var client = host.CreateClient();

        using (var response = await client.SendAsync(Gateway.Signed(body, "req-" + messageId)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadAsStringAsync()).ShouldContain("database_unavailable");
        }

        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1", paired.TenantId)).ShouldBe(0L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.threads WHERE tenant_id = $1", paired.TenantId)).ShouldBe(0L);

        failures.Failure = null;
        (await Gateway.SendAsync(client, Gateway.Signed(body, "req-" + messageId))).Text("status").ShouldBe("processed");
        await ShouldHaveEffectsOnceAsync(messageId);
    }

    [Fact]
    public async Task A_router_bug_is_a_500_problem_and_rolls_back_everything()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var failures = new FailingRouter(new InvalidOperationException("router bug quoting 436641234567"));
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<ICommandRouter>(_ => failures)));

        using var response = await host.CreateClient().SendAsync(Gateway.Signed(Gateway.Body(paired.From, "x", messageId)));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1", paired.TenantId)).ShouldBe(0L);
        factory.Logs.Entries.ShouldContain(e => e.Message.Contains("router bug quoting 436*******67", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unblocking_a_message_id_from_the_console_lets_the_same_message_be_processed_again()
    {
        var paired = await Phones.PairAsync(factory);
        var (admin, password) = await factory.AddUserAsync(paired.TenantId, AppRole.TenantAdmin);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "LKW W-1234 hat Bremsenproblem", messageId);
        var client = factory.CreateClient();
        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("processed");
        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("duplicate");

        var console = await factory.SignedInClientAsync(admin.Email!, password);
        var unblock = await console.PostAsJsonAsync("/api/v1/ops/conversations/unblock", new { message_id = messageId });
        unblock.StatusCode.ShouldBe(HttpStatusCode.OK, await unblock.Content.ReadAsStringAsync());

        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("processed");
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId)).ShouldBe(2L);
        (await Db.ScalarAsync<long>("""
            SELECT count(*) FROM ops.events WHERE event_type = 'IDEMPOTENCY_UNBLOCKED' AND payload->>'message_id' = $1 AND payload->>'by' = $2 AND tenant_id = $3
            """, messageId, admin.Id.ToString(), paired.TenantId)).ShouldBe(1L);
        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("duplicate");
    }

    [Fact]
    public async Task The_unblock_message_verb_reaches_every_tenant_and_is_audited()
    {
        var paired = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(paired.From, "hilfe", messageId);
        var client = factory.CreateClient();
        (await Gateway.SendAsync(client, Gateway.Signed(body, "req-" + messageId))).Text("status").ShouldBe("processed");

        (await RunCliAsync("unblock-message", "--message-id", messageId)).ShouldBe(0);
        (await RunCliAsync("unblock-message", "--message-id", messageId)).ShouldBe(1);
        (await RunCliAsync("unblock-message")).ShouldBe(2);

        (await Gateway.SendAsync(client, Gateway.Signed(body, "req-" + messageId))).Text("status").ShouldBe("processed");
        (await Db.ScalarAsync<long>("""
            SELECT count(*) FROM ops.events WHERE event_type = 'IDEMPOTENCY_UNBLOCKED' AND tenant_id = $1
              AND payload->>'message_id' = $2 AND payload->>'idempotency_key' = $3
            """, paired.TenantId, messageId, "req-" + messageId)).ShouldBe(1L);
    }

    [Fact]
    public async Task The_runbook_manual_cleanup_works_as_plain_sql_too()
    {
        var phone = Phones.Next();
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(phone, "Hallo", messageId);
        var client = factory.CreateClient();
        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("processed");

        (await Db.ScalarAsync<int>("SELECT ops.unblock_message($1)", messageId)).ShouldBe(1);

        (await Gateway.SendAsync(client, Gateway.Signed(body))).Text("status").ShouldBe("processed");
    }

    [Fact]
    public async Task A_drivers_message_opens_their_window_in_every_tenant_and_the_router_sees_the_memberships()
    {
        var phone = Phones.Next();
        var (first, _, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var (second, _, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var firstDriver = await Db.ScalarAsync<Guid>("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Max', $2) RETURNING id", first.Id, phone);
        var secondDriver = await Db.ScalarAsync<Guid>("INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Max', $2) RETURNING id", second.Id, phone);
        var seen = new List<SenderContext>();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<ICommandRouter>(_ => new RecordingRouter(seen))));

        await Gateway.SendAsync(host.CreateClient(), Gateway.Signed(Gateway.Body(phone, "STOP", Gateway.NewMessageId())));

        seen.Single().IsPaired.ShouldBeFalse();
        seen.Single().DriverMemberships.ShouldBe([(first.Id, firstDriver), (second.Id, secondDriver)], ignoreOrder: true);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE phone = $1 AND last_inbound_at > now() - interval '1 minute'", phone)).ShouldBe(2L);
    }

    private async Task<int> RunCliAsync(params string[] args) =>
        await CliRunner.RunAsync([.. args,
            $"--ConnectionStrings:Default={Db.AppConnectionString}", $"--ConnectionStrings:Migrations={Db.OwnerConnectionString}"]);

    private async Task ShouldHaveEffectsOnceAsync(string messageId)
    {
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId)).ShouldBe(1L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_OUT' AND payload->>'in_reply_to' = $1", messageId)).ShouldBe(1L);
        (await Db.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(1L);
    }

    private sealed class RecordingRouter(List<SenderContext> seen) : ICommandRouter
    {
        public Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken)
        {
            seen.Add(sender);
            return Task.FromResult("ok");
        }
    }

    private sealed class FailingRouter(Exception? failure) : ICommandRouter
    {
        public Exception? Failure { get; set; } = failure;

        public Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw failure : Task.FromResult(ConversationReplies.Help);
    }

    /// <summary>Stands in for the real router's PAIR: activates an identity for the sender in the given tenant.</summary>
    private sealed class PairingRouter(Data.OpsDbContext db, int tenantId, Guid userId) : ICommandRouter
    {
        public async Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken)
        {
            if (sender.IsPaired) return ConversationReplies.Help;
            await db.UseTenantAsync(tenantId, cancellationToken);
            db.Identities.Add(new Data.Pairing.WhatsAppIdentity { TenantId = tenantId, UserId = userId, WaUserId = sender.Message.WaUserId });
            await db.SaveChangesAsync(cancellationToken);
            return ConversationReplies.Paired;
        }
    }
}
