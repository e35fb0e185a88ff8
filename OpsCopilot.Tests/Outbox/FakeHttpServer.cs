using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsCopilot.Tests.Outbox;

public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

public sealed record FakeResponse(int Status, string? Json = null, TimeSpan? Stall = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Ok(string json) => new(200, json);
    public static FakeResponse Fail(int status = 500) => new(status, """{"error":"injected failure"}""");
    public static FakeResponse TooManyRequests(int retryAfterSeconds) =>
        new(429, """{"error":"slow down"}""", Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    public static FakeResponse Stalled(TimeSpan stall) => new(200, """{"message_id":"late"}""", stall);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) that records every request with headers and body and
/// answers as the test says: scripted responses first, then <see cref="Respond"/> (default 200 with a message_id).
/// Used as the WhatsApp gateway, the Cloud API, the alert receiver and the OTLP collector.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeResponse> scripted = new();
    private readonly List<RecordedRequest> requests = [];
    private int counter;

    private FakeHttpServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The answer once the scripted ones are used up. Thread-safe to replace at any time.</summary>
    public Func<RecordedRequest, int, FakeResponse> Respond { get; set; } = (_, n) => FakeResponse.Ok($$"""{"message_id":"gw-{{n}}"}""");

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return requests.ToList(); }
    }

    public static async Task<FakeHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeHttpServer(builder.Build());
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public void Script(params FakeResponse[] responses)
    {
        foreach (var response in responses) scripted.Enqueue(response);
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Polls until the predicate holds over the recorded requests; generous limit, never a fixed sleep.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var snapshot = Requests;
            if (done(snapshot)) return snapshot;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met; {snapshot.Count} request(s) recorded.");
            await Task.Delay(25);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", headers, body.ToArray(), DateTimeOffset.UtcNow);
        lock (requests) requests.Add(request);

        var number = Interlocked.Increment(ref counter);
        var response = scripted.TryDequeue(out var next) ? next : Respond(request, number);
        if (response.Stall is { } stall)
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (response.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
