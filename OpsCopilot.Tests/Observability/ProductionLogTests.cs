using System.Net;
using System.Text;
using System.Text.Json;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.Outbox;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Observability;

/// <summary>
/// The built host run as operators run it, in Production: its console is JSON, one object per line, with exactly one
/// request line per request (method, route template, status, elapsed) and never a phone number or a message body.
/// </summary>
public sealed class ProductionLogTests : IAsyncLifetime
{
    private const string Secret = "production-log-test-secret";
    private TestDatabase? database;
    private WebHostProcess? host;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(migrate: false);
        host = await WebHostProcess.StartAsync(WebHostProcess.FindWebDll(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["OpsCopilot__Transport__SecureCookies"] = "false",
            ["ConnectionStrings__Default"] = database.AppConnectionString,
            ["ConnectionStrings__Migrations"] = database.OwnerConnectionString,
            ["CLAWDBOT_WEBHOOK_SECRET"] = Secret,
            ["OPS_DEMO_ADMIN_PASSWORD"] = "Production-Log-Admin-1",
            ["OPS_DEMO_DISPATCHER_PASSWORD"] = "Production-Log-Dispatcher-1",
            ["OpsCopilot__Outbox__Enabled"] = "false",
        });
    }

    [Fact]
    public async Task Production_logs_are_json_lines_with_one_request_line_per_request_and_no_number_or_body()
    {
        var phone = Phones.Next();
        const string body = "Geheime Nachricht ueber Ladung 4711";
        using var http = new HttpClient { BaseAddress = host!.BaseUrl };
        for (var i = 0; i < 3; i++)
        {
            var request = Gateway.Signed(Gateway.Body("whatsapp:" + phone, body, Gateway.NewMessageId()), secret: Secret);
            (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await http.SendAsync(Gateway.Unsigned(Encoding.UTF8.GetBytes(Gateway.Body("whatsapp:" + phone, body))))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/api/v1/ops/drafts/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/no/such/page/{phone}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var requestLines = await Eventually.ReturnsAsync(
            () => Task.FromResult(JsonLines().Where(l => l.TryGetProperty("RouteTemplate", out _) && !IsReadinessProbe(l)).ToList()),
            lines => lines.Count >= 6, what: "six request lines");

        Routes(requestLines).ShouldBe([
            "POST /api/v1/ops/whatsapp/ingest 200", "POST /api/v1/ops/whatsapp/ingest 200", "POST /api/v1/ops/whatsapp/ingest 200",
            "POST /api/v1/ops/whatsapp/ingest 401", "GET /api/v1/ops/drafts/{id:guid} 401", $"GET {SensitiveText.Mask($"/no/such/page/{phone}")} 404",
        ], ignoreOrder: true);
        foreach (var line in requestLines)
        {
            line.GetProperty("@m").GetString()!.ShouldStartWith("HTTP ");
            line.GetProperty("Elapsed").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
            line.TryGetProperty("RequestPath", out _).ShouldBeFalse("the path may hold ids and numbers: the route template stands for it");
        }

        // JsonLines parsed every line the host wrote as one JSON object: a newline inside a value cannot forge a line.
        host.Output.ShouldNotContain(phone);
        host.Output.ShouldNotContain(body);
    }

    private List<JsonElement> JsonLines() =>
        host!.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = Parse(line);
            json.RootElement.ValueKind.ShouldBe(JsonValueKind.Object, line);
            return json.RootElement.Clone();
        }).ToList();

    private static JsonDocument Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            throw new ShouldAssertException($"Not a JSON line: {line}");
        }
    }

    private static bool IsReadinessProbe(JsonElement line) => line.GetProperty("RouteTemplate").GetString() == "/readyz";

    private static IEnumerable<string> Routes(IEnumerable<JsonElement> lines) => lines.Select(l =>
        $"{l.GetProperty("RequestMethod").GetString()} {l.GetProperty("RouteTemplate").GetString()} {l.GetProperty("StatusCode").GetInt32()}");

    public async Task DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
