using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Outbox;

/// <summary>
/// The smoke test and the simulator broadcast on production instances: a tenant's reserved test numbers
/// (SimulatorNumbers) must never reach the configured gateway, while every other number still does.
/// </summary>
public sealed class TestNumberSinkTests
{
    [Fact]
    public async Task Messages_to_the_tenants_own_test_numbers_are_marked_sent_by_the_sink_without_a_gateway_request()
    {
        await using var host = await OutboxWebHost.CreateAsync();
        var tenant = await OutboxData.TenantAsync(host.Db);
        var other = await OutboxData.TenantAsync(host.Db);
        await OutboxData.TemplateAsync(host.Db, tenant);
        var testNumber = SimulatorNumbers.For(tenant, 990002);
        var sunk = await OutboxData.TemplateRowAsync(host.Db, tenant, testNumber);
        var sunkText = await OutboxData.TextRowAsync(host.Db, tenant, SimulatorNumbers.For(tenant, 123), "Hallo");
        // Another tenant's test number is no test number here: that row goes to the gateway like any real one.
        var foreign = await OutboxData.TemplateRowAsync(host.Db, tenant, SimulatorNumbers.For(other, 990002));
        var real = await OutboxData.TemplateRowAsync(host.Db, tenant, OutboxData.Phone());

        host.Start();
        await Eventually.TrueAsync(async () =>
            await OutboxData.CountAsync(host.Db, "status IN ('sent', 'failed') AND id IN ($1, $2, $3)", sunk, foreign, real) == 3,
            what: "the three template rows handled");

        var requests = host.Gateway.RequestsTo("/send");
        requests.ForKey(sunk).ShouldBeEmpty();
        requests.ForKey(foreign).ShouldHaveSingleItem();
        requests.ForKey(real).ShouldHaveSingleItem();
        (await host.Db.ScalarAsync<string>("SELECT provider_message_id FROM ops.notifications WHERE id = $1", sunk))!.ShouldStartWith("sink-");
        (await host.Db.ScalarAsync<string>("SELECT status FROM ops.notifications WHERE id = $1", sunk)).ShouldBe("sent");
        (await host.Db.ScalarAsync<string>(
            "SELECT payload->>'sender' FROM ops.events WHERE event_type = 'NOTIFY_SEND_OK' AND payload->>'notification_id' = $1", sunk.ToString()))
            .ShouldBe("test_number_sink");
        // A text to a test number still obeys the rules before sending (no inbound message: the 24-hour window is closed).
        await Eventually.TrueAsync(async () => await OutboxData.StatusAsync(host.Db, sunkText) == "failed", what: "the text refused");
        requests = host.Gateway.RequestsTo("/send");
        requests.ForKey(sunkText).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(7, "999000007123", true)]
    [InlineData(7, "999000007123456", true)]
    [InlineData(7, "99900000712", false)]
    [InlineData(7, "9990000071234567", false)]
    [InlineData(7, "999000008123456", false)]
    [InlineData(7, "436641234567", false)]
    public void A_test_number_is_999_the_tenant_id_in_six_digits_and_three_to_six_more(int tenant, string phone, bool reserved) =>
        SimulatorNumbers.IsReserved(tenant, phone).ShouldBe(reserved);
}
