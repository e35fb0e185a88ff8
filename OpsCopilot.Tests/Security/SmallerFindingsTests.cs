using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Security;

/// <summary>Issue 11, finding 7: masked codes however typed, one log line per log call, JSON-only writes, any returnUrl.</summary>
public sealed partial class SmallerFindingsTests : IClassFixture<OpsWebFactory>
{
    private readonly OpsWebFactory factory;

    public SmallerFindingsTests(OpsWebFactory factory)
    {
        this.factory = factory;
        // Every accepted payload is sampled into ops.webhook_logs (WA_INBOUND_DEBUG_SNAPSHOT).
        factory.Settings["OpsCopilot:InboundLog:DebugSnapshot"] = "true";
    }

    [Theory]
    [InlineData("*PAIR {0} {1}*")]
    [InlineData("PAIR {2} {3} {4} {5}")]
    [InlineData("👋 pairing code: {0} {1}!")]
    public async Task A_pairing_code_is_masked_in_the_audit_trail_and_the_payload_sample_however_it_is_typed(string format)
    {
        var (tenant, _, admin) = await factory.CreateSeededTenantAsync();
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var otp = (await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcher.Id })).ShouldSucceedAsync())["otp"]!.GetValue<string>();
        var phone = Phones.Next();
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, otp[..4], otp[4..], otp[..2], otp[2..4], otp[4..6], otp[6..]);

        var answer = await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body("whatsapp:" + phone, text), "req-" + Guid.NewGuid()));

        answer.Text("reply").ShouldBe(ConversationReplies.Paired);
        var audited = await factory.Database.ScalarAsync<string>(
            "SELECT payload->>'body' FROM ops.events WHERE tenant_id = $1 AND event_type = 'MESSAGE_IN'", tenant.Id);
        audited.ShouldNotBeNull();
        audited.ShouldNotContain(otp[..2]);
        Digits().IsMatch(audited).ShouldBeFalse(audited);
        var sample = await factory.Database.ScalarAsync<string>("SELECT payload FROM ops.webhook_logs WHERE tenant_id = $1", tenant.Id);
        var sampledBody = JsonDocument.Parse(sample!).RootElement.GetProperty("body").GetString()!;
        Digits().IsMatch(sampledBody).ShouldBeFalse(sampledBody);
    }

    [Fact]
    public async Task A_newline_in_a_request_value_never_starts_a_log_line()
    {
        var paired = await Phones.PairAsync(factory);
        var forged = "m-" + Guid.NewGuid().ToString("N") + "\n[00:00:00 ERR] Forged: database wiped";

        await Gateway.SendAsync(factory.CreateClient(), Gateway.Signed(Gateway.Body(paired.From, "hilfe", forged), "req-" + Guid.NewGuid()));

        var mentioning = factory.Logs.Entries.Where(e => e.Message.Contains("Forged: database wiped", StringComparison.Ordinal)).ToList();
        mentioning.ShouldNotBeEmpty();
        mentioning.ShouldAllBe(e => !e.Message.Contains('\n') && !e.Message.Contains('\r') && e.Message.Contains("\\n[00:00:00 ERR]"));
    }

    [Theory]
    [InlineData("/api/v1/ops/notifications/drain", "text/plain", "x")]
    [InlineData("/api/v1/ops/notifications/drain", "application/x-www-form-urlencoded", "a=b")]
    [InlineData("/api/v1/ops/notifications/00000000-0000-0000-0000-000000000001/retry", "multipart/form-data; boundary=x", "--x--")]
    [InlineData("/api/v1/auth/logout", "application/x-www-form-urlencoded", "a=b")]
    [InlineData("/api/v1/auth/logout", "text/plain", "x")]
    public async Task Cookie_authenticated_api_writes_accept_only_json(string path, string contentType, string body)
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.PostAsync(path, content);

        (await response.ShouldBeProblemAsync(415))["title"]!.GetValue<string>().ShouldBe("JSON required");
    }

    [Theory]
    [InlineData("/drafts/ä", "/drafts/%C3%A4")]
    [InlineData("tickets?q=Bremsenprüfung 😀", "/tickets?q=Bremsenpr%C3%BCfung%20%F0%9F%98%80")]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("https://evil.example/", "/https://evil.example/")]
    public async Task After_sign_in_any_return_url_becomes_a_local_redirect_never_a_500(string returnUrl, string expected)
    {
        var (_, user, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var path = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = password,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        // Blazor makes the target absolute with this host's own base address; the path is what was asked for, escaped.
        var location = response.Headers.Location!;
        location.IsAbsoluteUri.ShouldBeTrue();
        location.Authority.ShouldBe(client.BaseAddress!.Authority);
        location.PathAndQuery.ShouldBe(expected);
    }

    [GeneratedRegex("[0-9]")]
    private static partial Regex Digits();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
