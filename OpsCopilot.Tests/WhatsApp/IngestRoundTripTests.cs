using System.Text.Json;
using Npgsql;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// What a delivery costs in round trips. A redelivery of a committed message is answered from the ledger in the one
/// round trip that opens the connection; a first delivery's lookup rides on that same round trip, with the sender's
/// identification, so it costs no extra one. Either way nothing runs on the opened connection before the session's
/// role, tenant and durability.
/// </summary>
public sealed class IngestRoundTripTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_redelivery_of_a_committed_message_is_answered_in_the_one_round_trip_that_opens_the_connection()
    {
        var phone = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        // The host keeps the tenant's interpretation context after its first message: measure a host that has it.
        (await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "Guten Morgen")))).Text("status").ShouldBe("processed");
        var body = Gateway.Body(phone.From, "LKW W-1234 hat Bremsenproblem", Gateway.NewMessageId());
        var timestamp = Gateway.Now;

        IReadOnlyList<string> first;
        using (var commands = new NpgsqlCommandRecorder())
        {
            var answer = await Gateway.SendAsync(client, commands.Traced(Gateway.Signed(body, timestamp: timestamp)));
            answer.Text("status").ShouldBe("processed");
            first = commands.Texts;
        }

        IReadOnlyList<string> again;
        string? replayed;
        using (var commands = new NpgsqlCommandRecorder())
        {
            var answer = await Gateway.SendAsync(client, commands.Traced(Gateway.Signed(body, timestamp: timestamp)));
            answer.Text("status").ShouldBe("duplicate");
            replayed = answer.Text("reply");
            again = commands.Texts;
        }

        replayed.ShouldStartWith("Create ticket");
        var only = again.ShouldHaveSingleItem("a redelivery: " + string.Join(" | ", again));
        OpensTheSession(only);
        only.ShouldNotContain("claim_ingest_key");

        // The first delivery's first round trip is the same set-up with the same lookup, then its claim: no round trip
        // was added to it for the redeliveries' sake.
        OpensTheSession(first[0]);
        first.Count(t => t.Contains("set_config('role'", StringComparison.Ordinal)).ShouldBe(1, string.Join(" | ", first));
        first.Count(t => t.Contains("ingest_outcome_for", StringComparison.Ordinal)).ShouldBe(1, string.Join(" | ", first));
        first.Count(t => t.Contains("claim_ingest_key", StringComparison.Ordinal)).ShouldBe(1, string.Join(" | ", first));
        // And the sender is identified in it too, not in a round trip of its own (a redelivery's skips that lookup:
        // see the plan test below).
        first[0].ShouldContain("identify_sender");
        first.Count(t => t.Contains("identify_sender", StringComparison.Ordinal)).ShouldBe(1, string.Join(" | ", first));
        first.Count.ShouldBe(5, "open (set-up, lookup, sender) · claim · tenant + thread + MESSAGE_IN · draft · outcome + MESSAGE_OUT: " + string.Join(" | ", first));
    }

    [Fact]
    public async Task A_redelivery_s_first_look_never_asks_who_sent_it_and_a_first_delivery_s_does()
    {
        var phone = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        var messageId = Gateway.NewMessageId();
        string firstLook;
        using (var commands = new NpgsqlCommandRecorder())
        {
            await Gateway.SendAsync(client, commands.Traced(Gateway.Signed(Gateway.Body(phone.From, "Guten Abend", messageId))));
            var opening = commands.Texts[0];
            firstLook = opening[(opening.IndexOf(";\n", StringComparison.Ordinal) + 2)..];
        }

        // The same statement, as the runtime runs it (ops_app, no tenant yet), for the delivered message and for a new one.
        var redelivery = await ExecutedFunctionsAsync(firstLook, messageId, phone.Phone);
        var newMessage = await ExecutedFunctionsAsync(firstLook, Gateway.NewMessageId(), phone.Phone);

        redelivery["ingest_outcome_for"].ShouldBe(1);
        redelivery["identify_sender"].ShouldBe(0, "the original found, the sender's lookup is never executed");
        newMessage["ingest_outcome_for"].ShouldBe(1);
        newMessage["identify_sender"].ShouldBe(1);
    }

    /// <summary>How often each function scan of <paramref name="sql"/>'s plan ran (EXPLAIN ANALYZE's actual loops).</summary>
    private async Task<Dictionary<string, long>> ExecutedFunctionsAsync(string sql, string messageId, string phone)
    {
        await using var connection = new NpgsqlConnection(factory.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var setUp = new NpgsqlCommand("SELECT set_config('role', 'ops_app', false), set_config('app.tenant_id', '', false)", connection))
            await setUp.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, connection);
        // The key is the message id here (no X-Request-Id was sent); no content hash needed to find it.
        foreach (var value in new object[] { messageId, messageId, DBNull.Value, phone }) explain.Parameters.Add(new NpgsqlParameter { Value = value });
        explain.Parameters[2].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        var loops = new Dictionary<string, long>();
        Collect(plan, loops);
        return loops;

        static void Collect(JsonElement node, Dictionary<string, long> loops)
        {
            if (node.TryGetProperty("Function Name", out var function))
                loops[function.GetString()!] = loops.GetValueOrDefault(function.GetString()!) + node.GetProperty("Actual Loops").GetInt64();
            if (node.TryGetProperty("Plans", out var children))
                foreach (var child in children.EnumerateArray()) Collect(child, loops);
        }
    }

    private static void OpensTheSession(string roundTrip)
    {
        roundTrip.ShouldStartWith("SELECT set_config('role'", Case.Sensitive, "the session's set-up comes first: " + roundTrip);
        var setUp = roundTrip.IndexOf("set_config('role'", StringComparison.Ordinal);
        roundTrip.ShouldContain("'app.tenant_id'");
        roundTrip.ShouldContain("'synchronous_commit', 'on'");
        roundTrip.IndexOf("ingest_outcome_for", StringComparison.Ordinal).ShouldBeGreaterThan(setUp);
    }
}
