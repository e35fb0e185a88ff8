using System.Net;
using System.Net.Http.Headers;
using OpsCopilot.Data.Outbox;
using OpsCopilot.Data.Security;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>
/// What the HTTP senders share: a Polly pipeline that bounds each request and retries only a request that never
/// got an answer (connection refused or reset) once — retrying with backoff is the outbox's job, across hosts
/// and restarts — and the reading of status codes and Retry-After into a <see cref="SendResult"/>.
/// </summary>
internal static class OutboundHttp
{
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int MaxErrorLength = 300;

    public static ResiliencePipeline<HttpResponseMessage> Pipeline(TimeSpan timeout, TimeProvider clock) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 1,
                Delay = ConnectRetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            })
            .AddTimeout(timeout)
            .Build();

    /// <summary>Upper bound of one pipeline execution, for the worker's lease budget.</summary>
    public static TimeSpan MaxDuration(TimeSpan timeout) => timeout * 2 + ConnectRetryDelay;

    /// <summary>Runs the pipeline and turns transport failures into transient results.</summary>
    public static async Task<SendResult> SendAsync(ResiliencePipeline<HttpResponseMessage> pipeline, string provider, TimeSpan timeout,
        Func<CancellationToken, ValueTask<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<SendResult>> interpret, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(token => send(token), cancellationToken);
            return await interpret(response);
        }
        catch (TimeoutRejectedException)
        {
            return SendResult.Transient($"{provider} did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Transient($"{provider} unreachable: {ex.Message}");
        }
    }

    /// <summary>Retry-After as a delay (delta seconds, or an HTTP date relative to now).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>The default reading of an unsuccessful answer: 429/503 throttle, other 4xx are permanent, the rest transient.</summary>
    public static SendResult FromStatus(HttpResponseMessage response, string provider, string body, TimeProvider clock)
    {
        var status = (int)response.StatusCode;
        var error = $"{provider} answered {status} {response.ReasonPhrase}{Excerpt(body)}";
        var retryAfter = RetryAfter(response, clock);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => SendResult.Throttled(retryAfter, error),
            HttpStatusCode.ServiceUnavailable when retryAfter is not null => SendResult.Throttled(retryAfter, error),
            HttpStatusCode.RequestTimeout => SendResult.Transient(error),
            _ when status is >= 400 and < 500 => SendResult.Permanent(error),
            _ => SendResult.Transient(error),
        };
    }

    /// <summary>Provider error bodies can echo the recipient: masked and shortened before they reach last_error.</summary>
    public static string Excerpt(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        var masked = SensitiveText.Mask(body.Trim());
        return ": " + (masked.Length > MaxErrorLength ? masked[..MaxErrorLength] + "…" : masked);
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
