using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>The planner through the signed webhook against real PostgreSQL: it drafts, the rules confirm.</summary>
public sealed class PlannerWebhookTests(PlannerHostFixture host) : IClassFixture<PlannerHostFixture>
{
    private async Task<string> SendAsync(string from, string text)
    {
        var response = await Gateway.SendAsync(host.Factory.CreateClient(), Gateway.Signed(Gateway.Body("whatsapp:" + from, text, Gateway.NewMessageId())));
        return response.Text("reply").ShouldNotBeNull();
    }

    private static string NewNumber() => "43676" + Random.Shared.Next(1000000, 9999999);

    [Fact]
    public async Task The_planned_ticket_is_drafted_and_CONFIRM_commits_it_without_asking_the_model()
    {
        var (tenant, _, admin) = await host.Factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await host.Factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var number = NewNumber();
        var before = host.Endpoint.Requests.Count;

        (await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");
        host.Endpoint.Requests.Count.ShouldBe(before);

        (await SendAsync(number, "Der Laster W-1234 quietscht beim Bremsen"))
            .ShouldBe(DraftTexts.TicketDraftReply(PlannerHostFixture.PlannedTitle, "W-1234"));
        host.Endpoint.Requests.Count.ShouldBe(before + 1);
        var prompt = host.Endpoint.Requests[^1].SystemPrompt;
        prompt.ShouldContain("Max Mustermann");
        prompt.ShouldContain("shift_reminder");

        (await SendAsync(number, "CONFIRM")).ShouldBe("Ticket #1 created");
        host.Endpoint.Requests.Count.ShouldBe(before + 1);

        var tickets = await (await admin.GetAsync("/api/v1/ops/tickets")).ShouldSucceedAsync();
        var ticket = tickets["items"]!.AsArray().Single()!;
        ticket["title"]!.GetValue<string>().ShouldBe(PlannerHostFixture.PlannedTitle);
        ticket["vehicle_plate"]!.GetValue<string>().ShouldBe("W-1234");
    }

    [Fact]
    public async Task No_transaction_is_open_while_the_model_thinks()
    {
        var (tenant, _, admin) = await host.Factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await host.Factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync();
        var number = NewNumber();
        (await SendAsync(number, "PAIR " + invite["otp"]!.GetValue<string>())).ShouldBe("Paired successfully!");

        // The runtime role may see its own sessions in full: any of them inside a transaction is the ingest's.
        long? openTransactions = null;
        host.Endpoint.WhileAnswering = async () => openTransactions = await OpenRuntimeTransactionsAsync();
        try
        {
            (await SendAsync(number, "Der Laster W-1234 quietscht beim Bremsen"))
                .ShouldBe(DraftTexts.TicketDraftReply(PlannerHostFixture.PlannedTitle, "W-1234"));
        }
        finally
        {
            host.Endpoint.WhileAnswering = null;
        }

        openTransactions.ShouldBe(0L, "the model is asked before the message's transaction, holding no connection or key");
        (await host.Factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.drafts WHERE tenant_id = $1 AND payload->>'title' = $2", tenant.Id, PlannerHostFixture.PlannedTitle)).ShouldBe(1L);
    }

    private async Task<long> OpenRuntimeTransactionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.Factory.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_unknown_number_is_never_sent_to_the_model()
    {
        var before = host.Endpoint.Requests.Count;

        var reply = await SendAsync(NewNumber(), "LKW W-1234 hat Bremsenproblem");

        reply.ShouldNotContain("Create ticket");
        host.Endpoint.Requests.Count.ShouldBe(before);
    }

    [Fact]
    public void The_host_uses_the_planner() =>
        host.Factory.Services.GetService(typeof(OpsCopilot.Data.Conversations.Understanding.IMessageInterpreter))
            .ShouldBeOfType<LlmMessageInterpreter>();
}
