using System.Text;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

/// <summary>Bad input gets a precise 4xx problem, never a 500, and writes nothing.</summary>
public sealed class BadInputTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    public static TheoryData<string, string, string, int> Requests() => new()
    {
        { "POST", "/api/v1/ops/drafts/ticket", "{not json", 400 },
        { "POST", "/api/v1/ops/drafts/ticket", "{\"title\": 42}", 400 },
        { "POST", "/api/v1/ops/drafts/ticket", "{}", 400 },
        { "POST", "/api/v1/ops/drafts/ticket", "{\"title\": \"   \"}", 400 },
        { "POST", "/api/v1/ops/drafts/ticket", "{\"title\": \"" + new string('x', 201) + "\"}", 400 },
        { "POST", "/api/v1/ops/drafts/ticket", "[1,2,3]", 400 },
        { "POST", "/api/v1/ops/drafts/broadcast", "{\"template_key\": \"nope\", \"all_drivers\": true}", 400 },
        { "POST", "/api/v1/ops/drafts/broadcast", "{\"template_key\": \"shift_reminder\", \"all_drivers\": false}", 400 },
        { "POST", "/api/v1/ops/drafts/00000000-0000-0000-0000-000000000000/confirm", "{\"confirmed\": true}", 404 },
        { "POST", "/api/v1/ops/drafts/00000000-0000-0000-0000-000000000000/confirm", "{\"confirmed\": \"yes\"}", 400 },
        { "POST", "/api/v1/ops/drafts/00000000-0000-0000-0000-000000000000/confirm", "{}", 400 },
        { "GET", "/api/v1/ops/drafts?status=BOGUS", "", 400 },
        { "GET", "/api/v1/ops/drafts?pageSize=100000", "", 400 },
        { "GET", "/api/v1/ops/drafts?page=0", "", 400 },
        { "GET", "/api/v1/ops/tickets/999999", "", 404 },
        { "POST", "/api/v1/ops/tickets/1/status", "{\"status\": \"EXPLODED\"}", 400 },
        { "POST", "/api/v1/ops/pairing/invites", "{\"user_id\": \"not-a-guid\"}", 400 },
        { "POST", "/api/v1/ops/pairing/invites", "{\"user_id\": \"00000000-0000-0000-0000-000000000000\"}", 400 },
        { "POST", "/api/v1/ops/broadcast/templates", "{\"template_key\": \"Bad Key!\", \"body_template\": \"x\", \"expected_params\": []}", 400 },
        { "POST", "/api/v1/ops/broadcast/templates", "{\"template_key\": \"t1\", \"body_template\": \"Hi {{name}}\", \"expected_params\": [\"driver\"]}", 400 },
        { "POST", "/api/v1/ops/drivers", "{\"full_name\": \"X\", \"phone\": \"call me\"}", 400 },
        { "POST", "/api/v1/ops/drivers", "{\"full_name\": \"<script>alert(1)</script>\", \"phone\": \"+43 664 1234567'; DROP TABLE ops.drivers;--\"}", 400 },
        { "GET", "/api/v1/ops/notifications?status=bogus", "", 400 },
        { "GET", "/api/v1/ops/notifications?page_size=1000", "", 400 },
        { "POST", "/api/v1/ops/notifications/00000000-0000-0000-0000-000000000000/retry", "{}", 404 },
        { "GET", "/api/v1/ops/conversations/threads?pageSize=0", "", 400 },
        { "POST", "/api/v1/ops/conversations/threads/00000000-0000-0000-0000-000000000000/reset", "{}", 404 },
        { "POST", "/api/v1/ops/conversations/unblock", "{\"message_id\": \"\"}", 400 },
        { "POST", "/api/v1/ops/conversations/unblock", "{\"message_id\": \"" + new string('m', 257) + "\"}", 400 },
        { "POST", "/api/v1/ops/conversations/unblock", "{\"message_id\": 42}", 400 },
        { "POST", "/api/v1/ops/conversations/unblock", "{\"message_id\":", 400 },
        { "POST", "/api/v1/ops/conversations/unblock", "{\"message_id\": \"wamid.never-seen\"}", 404 },
    };

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_field_not_by_server_types()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);

        var problem = await (await client.PostAsync("/api/v1/ops/conversations/unblock",
            new StringContent("{\"message_id\": 42}", Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(400);

        problem["detail"]!.GetValue<string>().ShouldBe("'message_id' has the wrong type.");
        problem["field"]!.GetValue<string>().ShouldBe("message_id");
        problem.ToJsonString().ShouldNotContain("OpsCopilot.");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Malformed_requests_are_answered_with_problem_json(string method, string url, string body, int status)
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        await (await client.SendAsync(request)).ShouldBeProblemAsync(status);

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drafts WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
    }

    [Fact]
    public async Task Writes_must_be_json()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        await (await client.PostAsync("/api/v1/ops/drafts/ticket", new FormUrlEncodedContent([new("title", "x")]))).ShouldBeProblemAsync(415);
    }

    [Fact]
    public async Task A_template_whose_placeholders_differ_from_expected_params_is_refused_with_the_reason()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var problem = await (await client.PostJsonAsync("/api/v1/ops/broadcast/templates", new
        {
            template_key = "late_notice", body_template = "Hallo {{driver_name}}, du bist {{minutes}} zu spät.", expected_params = new[] { "driver_name", "delay" },
        })).ShouldBeProblemAsync(400);
        problem["detail"]!.GetValue<string>().ShouldContain("{{minutes}}");
        problem["detail"]!.GetValue<string>().ShouldContain("delay");
        problem["field"]!.GetValue<string>().ShouldBe("expected_params");
    }

    [Fact]
    public async Task Broadcast_drafts_are_refused_for_unapproved_templates_missing_params_and_no_recipients()
    {
        var (_, _, client) = await factory.CreateSeededTenantAsync();
        var dict = (string date) => new Dictionary<string, string> { ["date"] = date };

        (await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new { template_key = "depot_closure", all_drivers = true, @params = dict("01.01.2027") }))
            .ShouldBeProblemAsync(400))["detail"]!.GetValue<string>().ShouldContain("not approved");
        (await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new { template_key = "shift_reminder", all_drivers = true, @params = dict("01.01.2027") }))
            .ShouldBeProblemAsync(400))["detail"]!.GetValue<string>().ShouldContain("needs time");
        (await (await client.PostJsonAsync("/api/v1/ops/drafts/broadcast", new
        {
            template_key = "shift_reminder", all_drivers = false, driver_ids = new[] { Guid.NewGuid() },
            @params = new Dictionary<string, string> { ["date"] = "01.01.2027", ["time"] = "06:00" },
        })).ShouldBeProblemAsync(400))["detail"]!.GetValue<string>().ShouldContain("subscribed");
    }
}
