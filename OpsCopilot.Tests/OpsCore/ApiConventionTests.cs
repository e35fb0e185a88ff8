using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

/// <summary>
/// Walks /openapi/v1.json and fails on any /api route that breaks the API's one convention (docs/api.md): snake_case
/// parameters and properties, described query parameters, one paging envelope, every error answer problem+json, and
/// cookie-authenticated writes inside the JSON-only group (they document its 415).
/// </summary>
public sealed partial class ApiConventionTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];
    private static readonly string[] PageEnvelope = ["items", "page", "page_size", "total", "total_capped"];

    /// <summary>Routes that break a rule today, each with who removes the exception.</summary>
    private static readonly Dictionary<string, string> KnownExceptions = new();

    [Fact]
    public async Task Every_api_route_follows_the_one_convention()
    {
        var document = await DocumentAsync();
        var violations = Violations(document).ToList();

        violations.Where(v => !KnownExceptions.ContainsKey(v.Key)).Select(v => $"{v.Key}: {v.Detail}").ShouldBeEmpty();
        // An exception that no longer happens must go, so the list cannot rot.
        KnownExceptions.Keys.Except(violations.Select(v => v.Key)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_document_tells_a_reader_the_convention()
    {
        var description = (await DocumentAsync())["info"]!["description"]!.GetValue<string>();
        description.ShouldContain("snake_case");
        description.ShouldContain("page_size");
        description.ShouldContain("application/problem+json");
    }

    [Fact]
    public async Task The_walk_catches_a_route_that_breaks_the_convention()
    {
        var document = await DocumentAsync();
        var drafts = document["paths"]!["/api/v1/ops/drafts"]!["get"]!;
        drafts["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "pageNumber", ["in"] = "query", ["description"] = "x" });
        drafts["responses"]!["418"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject() } };
        var pairing = document["paths"]!["/api/v1/ops/pairing/invites"]!["post"]!["responses"]!.AsObject();
        pairing.Remove("415");

        var keys = Violations(document).Select(v => v.Key).ToList();

        keys.ShouldContain("snake_case GET /api/v1/ops/drafts");
        keys.ShouldContain("problem GET /api/v1/ops/drafts");
        keys.ShouldContain("json-only POST /api/v1/ops/pairing/invites");
    }

    [Fact]
    public async Task Lists_answer_the_envelope_and_refuse_bad_paging_as_a_problem_naming_page_size()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        foreach (var list in (string[])["drafts", "tickets", "drivers", "conversations/threads", "notifications"])
        {
            var page = await (await client.GetAsync($"/api/v1/ops/{list}?page=2&page_size=3")).ShouldSucceedAsync();
            page.AsObject().Select(p => p.Key).Order().ToArray().ShouldBe(PageEnvelope, list);
            page["page"]!.GetValue<int>().ShouldBe(2);
            page["page_size"]!.GetValue<int>().ShouldBe(3);

            var tooLarge = await (await client.GetAsync($"/api/v1/ops/{list}?page_size=101")).ShouldBeProblemAsync(400);
            tooLarge["field"]!.GetValue<string>().ShouldBe("page_size", list);
            tooLarge["error"]!.GetValue<string>().ShouldBe("invalid_request");
            tooLarge["trace_id"].ShouldNotBeNull();
            // The name the lists used before the convention still works, so existing scripts keep running.
            (await (await client.GetAsync($"/api/v1/ops/{list}?pageSize=4")).ShouldSucceedAsync())["page_size"]!.GetValue<int>().ShouldBe(4);
        }
    }

    [Fact]
    public async Task A_confirm_that_cannot_happen_is_a_conflict_problem_carrying_the_drafts_state()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var client = await factory.SignedInClientAsync(admin.Email!, password);
        var draft = await (await client.PostJsonAsync("/api/v1/ops/drafts/ticket", new { title = "Spiegel kaputt" })).ShouldSucceedAsync();
        var id = draft["id"]!.GetValue<string>();
        (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await client.PostJsonAsync($"/api/v1/ops/drafts/{id}/confirm", new { confirmed = true })).ShouldBeProblemAsync(409);

        problem["error"]!.GetValue<string>().ShouldBe("conflict");
        problem["draft_id"]!.GetValue<string>().ShouldBe(id);
        problem["draft_status"]!.GetValue<string>().ShouldBe("CANCELLED");
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        return await response.ShouldSucceedAsync();
    }

    private sealed record Violation(string Key, string Detail);

    private static IEnumerable<Violation> Violations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (operationNode is not JsonObject operation || method == "parameters") continue;
                var route = $"{method.ToUpperInvariant()} {path}";
                var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => p!).ToList();
                var responses = operation["responses"]!.AsObject();

                foreach (var parameter in parameters)
                {
                    var name = parameter["name"]!.GetValue<string>();
                    var location = parameter["in"]!.GetValue<string>();
                    if (location is "query" or "path" && !SnakeCase().IsMatch(name))
                        yield return new($"snake_case {route}", $"{location} parameter '{name}'");
                    if (location == "query" && string.IsNullOrWhiteSpace(parameter["description"]?.GetValue<string>()))
                        yield return new($"described {route}", $"query parameter '{name}' has no description");
                }

                foreach (var property in PropertyNames(document, operation))
                    if (!SnakeCase().IsMatch(property))
                        yield return new($"snake_case {route}", $"property '{property}'");

                var errors = responses.Where(r => int.TryParse(r.Key, out var status) && status >= 400).ToList();
                if (errors.Count == 0) yield return new($"errors {route}", "documents no error answer");
                foreach (var (status, response) in errors)
                {
                    var types = (response!["content"] as JsonObject)?.Select(c => c.Key).ToList() ?? [];
                    if (types is not ["application/problem+json"])
                        yield return new($"problem {route}", $"{status} is [{string.Join(", ", types)}], not application/problem+json");
                }

                var cookieWrite = WriteMethods.Contains(method) && !path.StartsWith("/api/v1/ops/whatsapp/", StringComparison.Ordinal)
                    && path != "/api/v1/auth/login";
                if (cookieWrite && !responses.ContainsKey("415"))
                    yield return new($"json-only {route}", "a cookie-authenticated write outside the JSON-only group (no 415)");

                var names = parameters.Select(p => p["name"]!.GetValue<string>()).ToHashSet();
                var ok = Resolve(document, responses["200"]?["content"]?["application/json"]?["schema"]);
                var okProperties = (ok?["properties"] as JsonObject)?.Select(p => p.Key).Order().ToList() ?? [];
                var paged = names.Contains("page") || names.Contains("page_size");
                if (paged && !(names.Contains("page") && names.Contains("page_size") && okProperties.SequenceEqual(PageEnvelope)))
                    yield return new($"paging {route}", $"pages with [{string.Join(", ", names)}] into [{string.Join(", ", okProperties)}]");
                if (!paged && okProperties.Contains("items"))
                    yield return new($"paging {route}", "answers items without page and page_size parameters");
            }
        }
    }

    /// <summary>Every property name in the operation's request and response schemas, following $refs once each.</summary>
    private static IEnumerable<string> PropertyNames(JsonNode document, JsonObject operation)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<JsonNode>();
        foreach (var part in (string[])["requestBody", "responses"])
            if (operation[part] is { } node) pending.Push(node);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj when obj["$ref"] is JsonValue reference:
                    var target = reference.GetValue<string>();
                    if (seen.Add(target) && Resolve(document, obj) is { } resolved) pending.Push(resolved);
                    break;
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "properties" && value is JsonObject properties)
                            foreach (var (name, _) in properties) yield return name;
                        if (key is not "example" and not "examples" && value is not null) pending.Push(value);
                    }
                    break;
                case JsonArray array:
                    foreach (var value in array)
                        if (value is not null) pending.Push(value);
                    break;
            }
        }
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        while (schema?["$ref"] is JsonValue reference)
            schema = document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]];
        return schema;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
