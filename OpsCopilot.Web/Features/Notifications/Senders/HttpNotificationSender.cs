using OpsCopilot.Data.Outbox;
using Polly;

namespace OpsCopilot.Web.Features.Notifications.Senders;

/// <summary>
/// What the HTTP senders share: a named HttpClient, a per-request timeout, and the <see cref="OutboundHttp"/> pipeline
/// around every send (one reconnect, transport failures as transient results). Subclasses build the request and
/// read the answer.
/// </summary>
/// <param name="provider">How errors name the provider ("gateway answered 500 …").</param>
public abstract class HttpNotificationSender(IHttpClientFactory httpClients, string httpClientName, string provider, int timeoutMs, TimeProvider clock)
    : INotificationSender
{
    private readonly TimeSpan timeout = TimeSpan.FromMilliseconds(timeoutMs);
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline = OutboundHttp.Pipeline(TimeSpan.FromMilliseconds(timeoutMs), clock);

    protected TimeProvider Clock { get; } = clock;

    public abstract string Name { get; }

    public TimeSpan MaxSendDuration => OutboundHttp.MaxDuration(timeout);

    public abstract string SenderKey(OutboundMessage message);

    public abstract Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <param name="send">Builds and sends one attempt (called again for the one reconnect).</param>
    protected Task<SendResult> SendAsync(Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> send,
        Func<HttpResponseMessage, Task<SendResult>> interpret, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(httpClientName);
        return OutboundHttp.SendAsync(pipeline, provider, timeout, async token => await send(client, token), interpret, cancellationToken);
    }

    /// <summary>The default reading of an unsuccessful answer, naming this provider.</summary>
    protected SendResult FromStatus(HttpResponseMessage response, string body) => OutboundHttp.FromStatus(response, provider, body, Clock);
}
