using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>
/// Another actor working on the same running host through its REST API while the browser watches — e.g. a
/// dispatcher whose drafts must appear on an open console page without a reload.
/// </summary>
public sealed class ApiActor : IDisposable
{
    private readonly HttpClient http;

    private ApiActor(HttpClient http) => this.http = http;

    public static async Task<ApiActor> SignInAsync(RunningHost host, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseUrl };
        var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email, password });
        await EnsureAsync(login);
        return new ApiActor(http);
    }

    /// <summary>POST /api/v1/ops/drafts/ticket: the draft a WhatsApp message would create. Returns its id.</summary>
    public async Task<Guid> CreateTicketDraftAsync(string title)
    {
        var response = await http.PostAsJsonAsync("api/v1/ops/drafts/ticket", new { title });
        var body = await EnsureAsync(response);
        return Guid.Parse(body["id"]!.GetValue<string>());
    }

    /// <summary>Confirms over the API; returns the ticket number of the commit.</summary>
    public async Task<int> ConfirmAsync(Guid draftId)
    {
        var response = await http.PostAsJsonAsync($"api/v1/ops/drafts/{draftId}/confirm", new { confirmed = true });
        var body = await EnsureAsync(response);
        return body["commit_result"]!["ticket_number"]!.GetValue<int>();
    }

    private static async Task<JsonNode> EnsureAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public void Dispose() => http.Dispose();
}
