using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>The operator's conversation actions: tenant-scoped, permission-checked, JSON-only writes, audited.</summary>
public sealed class ConversationsApiTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private const string Api = "/api/v1/ops/conversations";

    [Fact]
    public async Task Threads_are_listed_page_by_page_for_the_signed_in_tenant_only()
    {
        var first = await Phones.PairAsync(factory);
        var (admin, password) = await factory.AddUserAsync(first.TenantId, AppRole.TenantAdmin);
        var gateway = factory.CreateClient();
        var phones = new List<string> { first.Phone };
        await Gateway.SendAsync(gateway, Gateway.Signed(Gateway.Body(first.From, "hallo", Gateway.NewMessageId())));
        for (var i = 0; i < 4; i++)
        {
            var phone = Phones.Next();
            var (user, _) = await factory.AddUserAsync(first.TenantId, AppRole.Dispatcher);
            await factory.Database.ExecuteAsync("INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", first.TenantId, user.Id, phone);
            await Gateway.SendAsync(gateway, Gateway.Signed(Gateway.Body(phone, "hallo", Gateway.NewMessageId())));
            phones.Add(phone);
        }

        var other = await Phones.PairAsync(factory);
        await Gateway.SendAsync(gateway, Gateway.Signed(Gateway.Body(other.From, "hallo", Gateway.NewMessageId())));
        var console = await factory.SignedInClientAsync(admin.Email!, password);

        var page1 = await console.GetFromJsonAsync<JsonElement>($"{Api}/threads?page=1&pageSize=2");
        var page3 = await console.GetFromJsonAsync<JsonElement>($"{Api}/threads?page=3&pageSize=2");

        page1.GetProperty("total").GetInt32().ShouldBe(5);
        page1.GetProperty("page_size").GetInt32().ShouldBe(2);
        page1.GetProperty("items").GetArrayLength().ShouldBe(2);
        page3.GetProperty("items").GetArrayLength().ShouldBe(1);
        var listed = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var items = (await console.GetFromJsonAsync<JsonElement>($"{Api}/threads?page={page}&pageSize=2")).GetProperty("items");
            listed.AddRange(items.EnumerateArray().Select(t => t.Text("wa_user_id")!));
        }

        listed.ShouldBe(phones, ignoreOrder: true);
        listed.ShouldNotContain(other.Phone);
        page1.GetProperty("items")[0].GetProperty("state").ValueKind.ShouldBe(JsonValueKind.Object);
        page1.GetProperty("items")[0].Text("user_email").ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("pageSize=101", "page_size")]
    public async Task Out_of_range_paging_is_a_400_problem(string query, string field)
    {
        var console = await AdminAsync();
        using var response = await console.GetAsync($"{Api}/threads?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Text("field").ShouldBe(field);
    }

    [Fact]
    public async Task Resetting_a_thread_clears_its_chat_state_and_is_audited()
    {
        var paired = await Phones.PairAsync(factory);
        var (admin, password) = await factory.AddUserAsync(paired.TenantId, AppRole.TenantAdmin);
        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(paired.From, "hallo", Gateway.NewMessageId())));
        var threadId = Guid.Parse(answer.Text("thread_id")!);
        await factory.Database.ExecuteAsync("UPDATE ops.threads SET state = '{\"step\":\"awaiting_confirm\"}' WHERE id = $1", threadId);
        var console = await factory.SignedInClientAsync(admin.Email!, password);

        using var response = await console.PostAsJsonAsync($"{Api}/threads/{threadId}/reset", new { reason = "user stuck" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await factory.Database.ScalarAsync<string>("SELECT state::text FROM ops.threads WHERE id = $1", threadId)).ShouldBe("{}");
        (await factory.Database.ScalarAsync<string>("""
            SELECT payload->'previous_state'->>'step' FROM ops.events
            WHERE event_type = 'THREAD_RESET' AND thread_id = $1 AND payload->>'by' = $2 AND payload->>'reason' = 'user stuck'
            """, threadId, admin.Id.ToString())).ShouldBe("awaiting_confirm");

        using var missing = await console.PostAsJsonAsync($"{Api}/threads/{Guid.NewGuid()}/reset", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        // Another tenant's thread is as good as missing.
        var (_, stranger, strangerPassword) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var strangerConsole = await factory.SignedInClientAsync(stranger.Email!, strangerPassword);
        using var foreign = await strangerConsole.PostAsJsonAsync($"{Api}/threads/{threadId}/reset", new { });
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_need_a_json_body()
    {
        var console = await AdminAsync();
        using var form = await console.PostAsync($"{Api}/unblock", new FormUrlEncodedContent([new("message_id", "x")]));
        form.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        using var empty = await console.PostAsync($"{Api}/threads/{Guid.NewGuid()}/reset", new StringContent("", Encoding.UTF8, "application/json"));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var blank = await console.PostAsJsonAsync($"{Api}/unblock", new { message_id = " " });
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var unknown = await console.PostAsJsonAsync($"{Api}/unblock", new { message_id = "wamid.never-seen" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_tenant_admin_cannot_unblock_another_tenants_message()
    {
        var victim = await Phones.PairAsync(factory);
        var messageId = Gateway.NewMessageId();
        var body = Gateway.Body(victim.From, "hallo", messageId);
        var gateway = factory.CreateClient();
        await Gateway.SendAsync(gateway, Gateway.Signed(body));
        var console = await AdminAsync();

        using var response = await console.PostAsJsonAsync($"{Api}/unblock", new { message_id = messageId });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Gateway.SendAsync(gateway, Gateway.Signed(body))).Text("status").ShouldBe("duplicate");
    }

    [Fact]
    public async Task Dispatchers_and_anonymous_callers_are_refused()
    {
        var (_, dispatcher, password) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        var console = await factory.SignedInClientAsync(dispatcher.Email!, password);
        (await console.GetAsync($"{Api}/threads")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.CreateClient().GetAsync($"{Api}/threads")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync($"{Api}/unblock", new { message_id = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        return await factory.SignedInClientAsync(admin.Email!, password);
    }
}
