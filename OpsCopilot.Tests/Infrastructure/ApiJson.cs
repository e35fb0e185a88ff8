using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCopilot.Data;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>The API speaks snake_case JSON; these helpers send and read it as a client would.</summary>
public static class ApiJson
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value, Json.Options), Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object value) => client.PostAsync(url, Body(value));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object value) => client.PutAsync(url, Body(value));

    public static async Task<JsonNode> ReadNodeAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    public static async Task<JsonNode> ShouldSucceedAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        return JsonNode.Parse(body)!;
    }
}
