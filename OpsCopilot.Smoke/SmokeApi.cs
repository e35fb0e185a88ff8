using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpsCopilot.Smoke;

/// <summary>The product's REST API as the signed-in admin (the admin_session cookie): only that admin's tenant.</summary>
public sealed class SmokeApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };

    public async Task<JsonNode> SignInAsync(string email, string password) =>
        await SendAsync(HttpMethod.Post, "api/v1/auth/login", new { email, password });

    public Task<JsonNode> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    /// <summary>GET that answers null on 404 (e.g. a template that does not exist yet).</summary>
    public async Task<JsonNode?> FindAsync(string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, HttpMethod.Get, path);
    }

    public Task<JsonNode> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<JsonNode> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    /// <summary>Every item of a paged list (the {items, total, page, page_size} envelope of docs/api.md).</summary>
    public async Task<List<JsonNode>> ListAsync(string path)
    {
        var items = new List<JsonNode>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var page = 1; ; page++)
        {
            var body = await GetAsync($"{path}{separator}page={page}&page_size=100");
            var batch = body["items"]!.AsArray().Select(i => i!).ToList();
            items.AddRange(batch);
            if (batch.Count == 0 || items.Count >= body["total"]!.GetValue<int>()) return items;
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        return await ReadAsync(response, method, path);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpMethod method, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new SmokeFailure($"2xx from {method} /{path}", $"{(int)response.StatusCode} {Describe(text)}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>A problem's error code and detail, else the start of the body.</summary>
    public static string Describe(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem && problem["error"] is not null)
                return $"{problem["error"]}: {problem["detail"] ?? problem["title"]}";
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: show the text.
        }
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    public void Dispose() => http.Dispose();
}
