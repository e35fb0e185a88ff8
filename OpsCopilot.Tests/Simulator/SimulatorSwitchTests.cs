using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Layout;
using OpsCopilot.Web.Features.Simulator;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Tests.Simulator;

/// <summary>Outside Development the simulator is off unless configured: no page, no menu item, no sender target.</summary>
public sealed class SimulatorSwitchTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity(Permissions.All.Select(p => new Claim(Permissions.ClaimType, p)), "test"));

    [Fact]
    public async Task Off_by_default_outside_Development_the_page_is_a_404_and_the_menu_does_not_list_it()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        using var client = await factory.SignedInClientAsync(admin.Email!, password);

        var response = await client.GetAsync("/simulator");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, html);
        html.ShouldNotContain("simulator-form");
        factory.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled.ShouldBeFalse();
        var switches = factory.Services.GetServices<IConsolePageSwitch>().ToList();
        NavigationItems.Visible(Admin(), switches).Select(i => i.Path).ShouldNotContain(SimulatorServiceCollectionExtensions.PagePath);
        // The rest of the console is unaffected.
        (await client.GetAsync("/system")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_menu_lists_the_simulator_only_while_its_switch_is_on_and_only_with_the_permission()
    {
        var on = new[] { new FixedSwitch("simulator", true) };
        var off = new[] { new FixedSwitch("simulator", false) };

        NavigationItems.Visible(Admin(), on).Select(i => i.Path).ShouldContain("simulator");
        NavigationItems.Visible(Admin(), off).Select(i => i.Path).ShouldNotContain("simulator");
        NavigationItems.Visible(Admin()).Select(i => i.Path).ShouldNotContain("simulator");
        var dispatcher = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Permissions.ClaimType, Permissions.DraftsView)], "test"));
        NavigationItems.Visible(dispatcher, on).Select(i => i.Path).ShouldNotContain("simulator");
    }

    [Fact]
    public void Enabled_without_a_webhook_secret_or_with_a_bad_address_it_is_refused_with_the_reason()
    {
        var noSecret = new SimulatorOptionsValidator(Options.Create(new WebhookOptions { Secret = " " }));
        var withSecret = new SimulatorOptionsValidator(Options.Create(new WebhookOptions { Secret = "s3cret-value" }));

        noSecret.Validate(null, new SimulatorOptions { Enabled = true }).FailureMessage!
            .ShouldContain("OpsCopilot:Simulator:Enabled is true but OpsCopilot:Webhook:Secret (CLAWDBOT_WEBHOOK_SECRET) is not set");
        noSecret.Validate(null, new SimulatorOptions { Enabled = false }).Succeeded.ShouldBeTrue();
        withSecret.Validate(null, new SimulatorOptions { Enabled = true }).Succeeded.ShouldBeTrue();
        withSecret.Validate(null, new SimulatorOptions { Enabled = true, BaseAddress = "127.0.0.1:5080" }).FailureMessage!
            .ShouldContain("OpsCopilot:Simulator:BaseAddress must be an absolute http:// or https:// URL of this host");
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_the_simulator_on_and_an_unusable_address()
    {
        var host = new OpsWebFactory();
        var lifetime = (IAsyncLifetime)host;
        await lifetime.InitializeAsync();
        try
        {
            host.Settings["OpsCopilot:Simulator:Enabled"] = "true";
            host.Settings["OpsCopilot:Simulator:BaseAddress"] = "ftp://example.test/";

            var refused = Should.Throw<Exception>(() => host.CreateClient());

            refused.ToString().ShouldContain("OpsCopilot:Simulator:BaseAddress must be an absolute http:// or https:// URL");
        }
        finally
        {
            await lifetime.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(new[] { "http://[::]:5080" }, "http://127.0.0.1:5080/")]
    [InlineData(new[] { "http://0.0.0.0:8080" }, "http://127.0.0.1:8080/")]
    [InlineData(new[] { "http://+:80" }, "http://127.0.0.1/")]
    [InlineData(new[] { "https://localhost:5001", "http://127.0.0.1:5080" }, "http://127.0.0.1:5080/")]
    [InlineData(new[] { "https://ops.example.test:5001" }, "https://ops.example.test:5001/")]
    public void The_host_calls_itself_on_a_listening_address_preferring_plain_http(string[] listening, string expected) =>
        SelfAddress.Choose(listening)!.ToString().ShouldBe(expected);

    [Fact]
    public void Without_a_listening_address_there_is_none_to_call() => SelfAddress.Choose([]).ShouldBeNull();

    private sealed record FixedSwitch(string Path, bool IsOn) : IConsolePageSwitch;
}
