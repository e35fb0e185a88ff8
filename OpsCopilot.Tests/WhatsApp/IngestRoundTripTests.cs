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
        // And the sender is identified in it too, not in a round trip of its own.
        first[0].ShouldContain("identify_sender");
        first.Count(t => t.Contains("identify_sender", StringComparison.Ordinal)).ShouldBe(1, string.Join(" | ", first));
        first.Count.ShouldBe(5, "open (set-up, lookup, sender) · claim · tenant + thread + MESSAGE_IN · draft · outcome + MESSAGE_OUT: " + string.Join(" | ", first));
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
