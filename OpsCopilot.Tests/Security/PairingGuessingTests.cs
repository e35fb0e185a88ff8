using System.Text;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 2, through the real webhook: the guess budgets are exact under hundreds of parallel guesses
/// (decided in ops.claim_pairing_code under one lock), a real code still pairs from a fresh phone while an attacker
/// keeps the budget used up, and the attempt history holds only keyed hashes of numbers, for two days.
/// </summary>
public sealed class PairingGuessBudgetTests : IClassFixture<OpsWebFactory>
{
    private const int EarlierFailures = 600;
    private const int Budget = 40;
    private readonly OpsWebFactory factory;

    public PairingGuessBudgetTests(OpsWebFactory factory)
    {
        this.factory = factory;
        // The daily budget (no per-minute window) keeps the count exact however slowly the machine runs the guesses.
        factory.Settings["OpsCopilot:Pairing:MaxFailedAttemptsPerMinuteGlobally"] = "100000";
        factory.Settings["OpsCopilot:Pairing:MaxFailedAttemptsPerDayGlobally"] = (EarlierFailures + Budget).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Three_hundred_parallel_guesses_check_exactly_the_budget_and_a_real_code_still_pairs()
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (holder, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var otp = (await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = holder.Id })).ShouldSucceedAsync())["otp"]!.GetValue<string>();
        otp.Length.ShouldBe(OneTimeCodes.CodeLength);

        // 300 attacker numbers that have each failed twice in the last hours (so none of them is "fresh"): their next
        // guesses are checked only while the global budget lasts.
        var attackers = Enumerable.Range(0, 300).Select(_ => Phones.Next()).ToList();
        await SeedEarlierFailuresAsync(factory, attackers, perNumber: 2);
        var wrong = (otp[0] == '1' ? "2" : "1") + otp[1..];
        var client = factory.CreateClient();

        var answers = await Task.WhenAll(attackers.Select(async number =>
        {
            using var response = await client.SendAsync(Gateway.Signed(Gateway.Body("whatsapp:" + number, "PAIR " + wrong), "req-" + Guid.NewGuid()));
            var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return (Status: response.StatusCode, Reply: json.Text("reply"));
        }));

        // More parallel requests than the connection pool holds: a request that could not get a connection in time is
        // answered 503 with nothing written (the gateway retries); every other one is checked or refused by the budget.
        answers.ShouldAllBe(a => a.Status == System.Net.HttpStatusCode.OK || a.Status == System.Net.HttpStatusCode.ServiceUnavailable);
        var replies = answers.Where(a => a.Status == System.Net.HttpStatusCode.OK).Select(a => a.Reply).ToList();
        replies.Count(r => r == ConversationReplies.ForPairing("invalid")).ShouldBe(Budget);
        replies.Count(r => r == ConversationReplies.ForPairing("rate_limited")).ShouldBe(replies.Count - Budget);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.pairing_attempts WHERE NOT succeeded AND attempted_at > now() - interval '1 hour'")).ShouldBe(Budget);

        // The budget is used up, and still: the holder's fresh phone with the real code pairs; a guess from another
        // fresh phone is checked (and fails) rather than blocked.
        var holderPhone = Phones.Next();
        var paired = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + holderPhone, $"*PAIR {otp[..4]} {otp[4..]}*"), "req-" + Guid.NewGuid()));
        paired.Text("reply").ShouldBe(ConversationReplies.Paired);
        var freshGuess = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + Phones.Next(), "PAIR " + wrong), "req-" + Guid.NewGuid()));
        freshGuess.Text("reply").ShouldBe(ConversationReplies.ForPairing("invalid"));
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.identities WHERE tenant_id = $1 AND wa_user_id = $2 AND status = 'ACTIVE'", tenant.Id, holderPhone)).ShouldBe(1L);

        // Only keyed hashes of numbers are kept, and nothing older than two days.
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.pairing_attempts WHERE number_hash = ANY($1) OR number_hash !~ '^[0-9a-f]{64}$'",
            (object)attackers.Append(holderPhone).ToArray())).ShouldBe(0L);
    }

    /// <summary>What the host stores for a number: HMAC with the pairing pepper (the webhook secret in these tests).</summary>
    internal static string NumberHash(string number) => OneTimeCodes.Hash("pairing-number:" + number, Encoding.UTF8.GetBytes(OpsWebFactory.WebhookSecret));

    private static async Task SeedEarlierFailuresAsync(OpsWebFactory factory, IReadOnlyList<string> numbers, int perNumber)
    {
        var hashes = numbers.SelectMany(n => Enumerable.Repeat(NumberHash(n), perNumber)).ToArray();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.pairing_attempts (number_hash, succeeded, attempted_at) SELECT h, false, now() - interval '2 hours' FROM unnest($1::text[]) h",
            (object)hashes);
    }
}

public sealed class PairingGuessingTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_hundred_parallel_guesses_from_one_number_get_exactly_five_checked()
    {
        var number = Phones.Next();
        var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + number, $"PAIR {i:D8}"), "req-" + Guid.NewGuid()))));

        answers.Count(a => a.Text("reply") == ConversationReplies.ForPairing("invalid")).ShouldBe(5);
        answers.Count(a => a.Text("reply") == ConversationReplies.ForPairing("rate_limited")).ShouldBe(95);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.pairing_attempts WHERE number_hash = $1", PairingGuessBudgetTests.NumberHash(number))).ShouldBe(5L);
    }

    [Fact]
    public async Task Attempts_older_than_two_days_are_purged_by_the_next_claim()
    {
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.pairing_attempts (number_hash, succeeded, attempted_at) VALUES ('old-attempt', false, now() - interval '3 days')");

        await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body("whatsapp:" + Phones.Next(), "PAIR 12345678"), "req-" + Guid.NewGuid()));

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.pairing_attempts WHERE number_hash = 'old-attempt'")).ShouldBe(0L);
    }

}
