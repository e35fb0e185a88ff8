using Microsoft.Extensions.Configuration;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.SystemStatus;

namespace OpsCopilot.Tests.SystemStatus;

/// <summary>No credential reaches the System page: each redaction on its own, then the whole summary and its markup.</summary>
public sealed class SecretRedactionTests
{
    private const string WebhookSecret = "whsec-Kx7-never-show-me";
    private const string PreviousSecret = "whsec-old-rotated-9Q";
    private const string RuntimePassword = "rt;pa=ss\"word-4471";
    private const string OwnerPassword = "owner-pw-ZZ81";
    private const string UrlPassword = "p@ss:w/rd%&?=#";
    private const string PlannerKey = "sk-proj-planner-ABCDEF123456";
    private const string CloudToken = "EAAG-cloud-access-token-777";
    private const string MetaSecret = "meta-app-secret-31337";
    private const string VerifyToken = "verify-token-hub-42";
    private const string SlackPath = "T0000/B0000/XXXXsecrethookpath";
    private const string OtlpHeaders = "api-key=otlp-header-secret-555";
    private const string DemoPassword = "Admin-0f3c9a1b2d";

    private static readonly string[] AllSecrets =
        [WebhookSecret, PreviousSecret, RuntimePassword, OwnerPassword, UrlPassword, PlannerKey, CloudToken, MetaSecret, VerifyToken, SlackPath, "otlp-header-secret-555", DemoPassword];

    private static IConfiguration Configuration(bool withDatabaseUrlOnly = false) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = withDatabaseUrlOnly ? null : $"Host=db.internal;Port=5432;Database=ops;Username=ops_app;Password='{RuntimePassword.Replace("'", "''")}'",
        ["ConnectionStrings:Migrations"] = $"Host=db.internal;Database=ops;Username=ops_owner;Pwd={OwnerPassword}",
        ["DATABASE_URL"] = $"postgres://ops_app:{Uri.EscapeDataString(UrlPassword)}@db.internal:6432/ops?sslmode=require&sslpassword=zzz-ssl-pw",
        ["OpsCopilot:Webhook:Secret"] = WebhookSecret,
        ["OpsCopilot:Webhook:PreviousSecret"] = PreviousSecret,
        ["OpsCopilot:Webhook:ToleranceSeconds"] = "300",
        ["OpsCopilot:Planner:Enabled"] = "true",
        ["OpsCopilot:Planner:Endpoint"] = "https://api.example.test/v1?key=" + PlannerKey,
        ["OpsCopilot:Planner:ApiKey"] = PlannerKey,
        ["OpsCopilot:CloudApi:AccessToken"] = CloudToken,
        ["OpsCopilot:Meta:AppSecret"] = MetaSecret,
        ["OpsCopilot:Meta:VerifyToken"] = VerifyToken,
        ["OpsCopilot:Alerts:WebhookUrl"] = "https://hooks.slack.example/services/" + SlackPath,
        ["OpsCopilot:Gateway:SendUrl"] = $"https://gw-user:{WebhookSecret}@gateway.example.test:8443/send",
        ["OTEL_EXPORTER_OTLP_HEADERS"] = OtlpHeaders,
        // A credential pasted into an ordinary setting is scrubbed too: it is known from its own key elsewhere.
        ["OpsCopilot:WhatsApp:GatewayNumber"] = DemoPassword,
        ["OPS_DEMO_ADMIN_PASSWORD"] = DemoPassword,
        ["OpsCopilot:Something:AuthEnabled"] = "true",
    }).Build();

    private static void ShouldLeakNothing(string text)
    {
        foreach (var secret in AllSecrets)
        {
            text.ShouldNotContain(secret, Case.Sensitive);
            text.ShouldNotContain(Uri.EscapeDataString(secret), Case.Insensitive);
        }
        text.ShouldNotContain("zzz-ssl-pw");
        text.ShouldNotContain("p@ss");
    }

    [Fact]
    public void A_secret_only_says_whether_it_is_set()
    {
        SecretRedaction.Secret(WebhookSecret).ShouldBe("set (redacted)");
        SecretRedaction.Secret(null).ShouldBe("not set");
        SecretRedaction.Secret("   ").ShouldBe("not set");
    }

    [Fact]
    public void A_connection_string_keeps_host_database_and_user_and_loses_the_password_however_it_is_quoted()
    {
        var shown = SecretRedaction.ConnectionString($"Host=db.internal;Port=5432;Database=ops;Username=ops_app;Password='{RuntimePassword.Replace("'", "''")}'");

        shown.ShouldBe("host=db.internal; port=5432; database=ops; username=ops_app; password=(redacted)");
        SecretRedaction.ConnectionString($"Server=x;User ID=u;PWD={OwnerPassword};SSL Key=/etc/key.pem").ShouldNotContain(OwnerPassword);
        SecretRedaction.ConnectionString(null).ShouldBe("not set");
        // Unreadable text is not guessed at: nothing of it is shown.
        SecretRedaction.ConnectionString("Host=db;Password='unterminated" + OwnerPassword).ShouldBe("set (redacted), not a readable connection string");
    }

    [Fact]
    public void A_DATABASE_URL_keeps_user_host_port_and_database_and_loses_password_and_options()
    {
        var url = $"postgres://ops_app:{Uri.EscapeDataString(UrlPassword)}@db.internal:6432/ops?sslmode=require&sslpassword=zzz-ssl-pw";

        SecretRedaction.DatabaseUrl(url).ShouldBe("postgres://ops_app:(redacted)@db.internal:6432/ops (options redacted)");
        SecretRedaction.DatabaseUrl("postgresql://db.internal/ops").ShouldBe("postgresql://db.internal/ops");
        SecretRedaction.DatabaseUrl("postgres://only-user@db/ops").ShouldBe("postgres://only-user@db/ops");
        SecretRedaction.DatabaseUrl("mysql://root:" + OwnerPassword + "@db/x").ShouldBe("set (redacted), not a postgres:// URL");
        ShouldLeakNothing(SecretRedaction.DatabaseUrl(url));
    }

    [Fact]
    public void An_endpoint_shows_scheme_host_and_port_only()
    {
        SecretRedaction.Endpoint("https://hooks.slack.example/services/" + SlackPath).ShouldBe("https://hooks.slack.example/… (path and credentials redacted)");
        SecretRedaction.Endpoint($"https://gw-user:{WebhookSecret}@gateway.example.test:8443/").ShouldBe("https://gateway.example.test:8443/… (path and credentials redacted)");
        SecretRedaction.Endpoint("http://127.0.0.1:11434").ShouldBe("http://127.0.0.1:11434");
        SecretRedaction.Endpoint("not a url " + PlannerKey).ShouldBe("set (redacted), not an absolute URL");
        SecretRedaction.Endpoint("").ShouldBe("not set");
    }

    [Fact]
    public void The_summary_shows_the_settings_with_every_credential_redacted()
    {
        var rows = ConfigurationSummary.Build(Configuration(), new Dictionary<string, string> { ["OpsCopilot:Outbox:Sender"] = "Development" });

        ShouldLeakNothing(string.Join("\n", rows.Select(r => $"{r.Group} {r.Setting} {r.Key} {r.Value}")));
        string Value(string key) => rows.Single(r => r.Key == key).Value;
        Value("OpsCopilot:Webhook:Secret").ShouldBe("set (redacted)");
        Value("OpsCopilot:Webhook:PreviousSecret").ShouldBe("set (redacted)");
        Value("OpsCopilot:Gateway:Secret").ShouldBe("not set");
        Value("ConnectionStrings:Default").ShouldBe("host=db.internal; port=5432; database=ops; username=ops_app; password=(redacted)");
        Value("DATABASE_URL").ShouldStartWith("postgres://ops_app:(redacted)@db.internal:6432/ops");
        Value("OpsCopilot:Webhook:ToleranceSeconds").ShouldBe("300");
        Value("OpsCopilot:Outbox:Sender").ShouldBe("Development (default)");
        Value("OpsCopilot:Retention:Enabled").ShouldBe(ConfigurationSummary.Unset);
        Value("OpsCopilot:WhatsApp:GatewayNumber").ShouldBe("(redacted)");
        Value("OTEL_EXPORTER_OTLP_HEADERS").ShouldBe("set (redacted)");
        rows.Where(r => r.IsSecret).ShouldAllBe(r => r.Value == "set (redacted)" || r.Value == "not set");
    }

    [Fact]
    public void Only_DATABASE_URL_set_is_still_redacted()
    {
        var rows = ConfigurationSummary.Build(Configuration(withDatabaseUrlOnly: true));

        rows.Single(r => r.Key == "ConnectionStrings:Default").Value.ShouldBe("not set");
        ShouldLeakNothing(string.Join("\n", rows.Select(r => r.Value)));
    }

    [Fact]
    public void A_value_that_is_only_a_switch_is_not_mistaken_for_a_secret()
    {
        var known = ConfigurationSummary.KnownSecrets(Configuration());

        known.ShouldNotContain("true");
        known.ShouldContain(RuntimePassword);
        known.ShouldContain(OwnerPassword);
        known.ShouldContain(UrlPassword);
        SecretRedaction.Scrub("Planner enabled: true", known).ShouldBe("Planner enabled: true");
    }

    [Fact]
    public async Task The_configuration_card_markup_holds_no_credential()
    {
        var rows = ConfigurationSummary.Build(Configuration());

        var html = await ComponentMarkup.RenderAsync<ConfigurationCard>(new Dictionary<string, object?>
        {
            [nameof(ConfigurationCard.Rows)] = rows,
            [nameof(ConfigurationCard.EnvironmentName)] = "Production",
        });

        ShouldLeakNothing(html);
        html.ShouldContain("data-key=\"OpsCopilot:Webhook:Secret\"");
        html.ShouldContain("set (redacted)");
        html.ShouldContain("db.internal");
        html.ShouldContain("<strong data-testid=\"environment-name\">Production</strong>");
    }
}
