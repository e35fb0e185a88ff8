using System.Net;
using System.Text;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

public sealed class ApiAccessTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_dispatcher_cannot_manage_pairing_or_templates_but_can_confirm_drafts()
    {
        var (tenant, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, password) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var client = await factory.SignedInClientAsync(dispatcher.Email!, password);

        (await client.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/ops/pairing/identities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/v1/ops/broadcast/templates", new { template_key = "x", body_template = "x", expected_params = Array.Empty<string>() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/ops/broadcast/templates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Licht kaputt" })).ShouldSucceedAsync();
        (await client.PostJsonAsync($"/api/v1/ops/drafts/{draft["id"]}/confirm", new { confirmed = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_a_draft_that_exists_no_existence_leak()
    {
        var (_, adminA, passwordA) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (_, adminB, passwordB) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var a = await factory.SignedInClientAsync(adminA.Email!, passwordA);
        var b = await factory.SignedInClientAsync(adminB.Email!, passwordB);
        var draft = await (await a.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Tenant A only" })).ShouldSucceedAsync();
        var id = draft["id"]!.GetValue<string>();

        var foreign = await (await b.GetAsync($"/api/v1/ops/drafts/{id}")).ShouldBeProblemAsync(404);
        var unknown = await (await b.GetAsync($"/api/v1/ops/drafts/{Guid.NewGuid()}")).ShouldBeProblemAsync(404);
        foreign["detail"]!.GetValue<string>().ShouldBe(unknown["detail"]!.GetValue<string>());
        await (await b.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).ShouldBeProblemAsync(404);
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.drafts WHERE id = $1::uuid", id)).ShouldBe("PENDING_CONFIRM");
        (await (await b.GetAsync("/api/v1/ops/tickets")).ShouldSucceedAsync())["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("GET", "/api/v1/ops/tickets")]
    [InlineData("GET", "/api/v1/ops/pairing/identities")]
    [InlineData("POST", "/api/v1/ops/pairing/invites")]
    [InlineData("POST", "/api/v1/ops/drafts/00000000-0000-0000-0000-000000000001/confirm")]
    [InlineData("GET", "/api/v1/ops/broadcast/templates")]
    public async Task Unauthenticated_calls_are_401_problems(string method, string url)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        await (await client.SendAsync(request)).ShouldBeProblemAsync(401);
    }
}
