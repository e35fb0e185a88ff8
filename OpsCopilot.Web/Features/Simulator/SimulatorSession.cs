using Microsoft.Extensions.Options;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Notifications;
using OpsCopilot.Web.Features.Notifications.Senders;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Features.Simulator;

public enum BubbleSide
{
    /// <summary>Written by the simulated phone.</summary>
    Sent,
    /// <summary>What the phone received: the webhook's reply or a message the development sender recorded.</summary>
    Received,
    /// <summary>Not a WhatsApp message: why a send failed or was refused.</summary>
    Notice,
}

/// <param name="Caption">Small print under the text: status, channel, template.</param>
public sealed record ChatBubble(BubbleSide Side, string Text, DateTimeOffset At, string? Caption);

/// <summary>What became of one send, for the page's form.</summary>
public sealed record SimulatorSendResult(bool Sent, string? Refusal, WebhookAnswer? Answer);

/// <summary>
/// One console circuit's simulator: the messages it sent and the webhook's answers, per phone number (kept while
/// the circuit lives, so a trip to the Drafts page and back keeps the chat), merged with what the development
/// sender recorded for that number.
/// </summary>
public sealed class SimulatorSession(
    TenantOperations operations,
    SimulatorWebhookClient webhook,
    DevelopmentOutbox developmentOutbox,
    IOptionsMonitor<WebhookOptions> webhookOptions,
    IOptions<OutboxOptions> outboxOptions,
    IHostEnvironment environment,
    TimeProvider clock)
{
    /// <summary>How much of an earlier conversation a number's chat starts with.</summary>
    public const int HistoryMessages = 20;

    private readonly Dictionary<string, List<ChatBubble>> transcripts = new(StringComparer.Ordinal);
    private readonly HashSet<string> historyLoaded = new(StringComparer.Ordinal);

    public int TenantId => operations.TenantId;

    /// <summary>Outbound messages reach the simulator only when this host's outbox worker sends through the development sender.</summary>
    public bool RecordsOutbound => outboxOptions.Value.Enabled && outboxOptions.Value.EffectiveSender(environment) == NotificationSenderKind.Development;

    /// <summary>Whether replies are queued in the outbox (then the reply bubble is the development sender's record, not the response).</summary>
    public bool RepliesViaOutbox => webhookOptions.CurrentValue.RepliesViaOutbox;

    /// <summary>
    /// Starts a number's chat with its latest messages from the audit trail (MESSAGE_IN / MESSAGE_OUT of the tenant's
    /// thread), once per circuit, so a reload or another admin's tab shows where the conversation stands.
    /// </summary>
    public async Task LoadHistoryAsync(string phone, CancellationToken cancellationToken)
    {
        lock (historyLoaded)
            if (!historyLoaded.Add(phone)) return;
        var messages = await operations.RunAsync<ConversationAdministration, IReadOnlyList<ThreadMessage>>(
            conversations => conversations.RecentMessagesWithAsync(phone, HistoryMessages, cancellationToken));
        var earlier = messages
            // With replies via the outbox the development sender's records already show the replies it still holds.
            .Where(m => m.Direction == MessageDirection.Inbound || !(RepliesViaOutbox && RecordsOutbound))
            .Select(m => new ChatBubble(m.Direction == MessageDirection.Inbound ? BubbleSide.Sent : BubbleSide.Received,
                m.Text ?? "", m.At, "earlier · from the audit trail"));
        var transcript = Transcript(phone);
        lock (transcript) transcript.InsertRange(0, earlier);
    }

    public async Task<SimulatorSendResult> SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        await LoadHistoryAsync(phone, cancellationToken);
        var tenantId = operations.TenantId;
        var refusal = await operations.RunAsync<SimulatorContacts, string?>(contacts => contacts.RefusalAsync(phone, tenantId, cancellationToken));
        if (refusal is not null) return new SimulatorSendResult(false, refusal, null);

        var transcript = Transcript(phone);
        var sentAt = clock.GetUtcNow();
        var answer = await webhook.SendAsync(phone, text, cancellationToken);
        lock (transcript)
        {
            transcript.Add(new ChatBubble(BubbleSide.Sent, text, sentAt, answer.Accepted ? $"{answer.Status} · HTTP {answer.HttpStatus}" : null));
            if (!answer.Accepted)
                transcript.Add(new ChatBubble(BubbleSide.Notice, answer.Problem ?? $"HTTP {answer.HttpStatus}", clock.GetUtcNow(), "not delivered"));
            else if (answer.Reply is { } reply && !ReplyArrivesThroughOutbox(answer))
                transcript.Add(new ChatBubble(BubbleSide.Received, reply, clock.GetUtcNow(), "reply in the webhook response"));
        }
        return new SimulatorSendResult(true, null, answer);
    }

    /// <summary>
    /// With RepliesViaOutbox the webhook also queues the reply, but only for a sender it could place in a tenant
    /// (a thread); the development sender's record then shows it, and showing the response too would double it.
    /// </summary>
    private bool ReplyArrivesThroughOutbox(WebhookAnswer answer) => RepliesViaOutbox && RecordsOutbound && answer.ThreadId is not null;

    /// <summary>The chat with <paramref name="phone"/>, oldest first.</summary>
    public IReadOnlyList<ChatBubble> Conversation(string phone)
    {
        var own = Transcript(phone);
        List<ChatBubble> bubbles;
        lock (own) bubbles = [.. own];
        bubbles.AddRange(developmentOutbox.Recent(operations.TenantId, phone).Select(ToBubble));
        return bubbles.OrderBy(b => b.At).ToList();
    }

    /// <summary>Every message the development sender recorded for the tenant, newest first.</summary>
    public IReadOnlyList<DevelopmentMessage> RecordedOutbound() =>
        developmentOutbox.Recent(operations.TenantId).Reverse().ToList();

    public static string Describe(DevelopmentMessage message) =>
        message.Text ?? $"Template {message.TemplateName}: " +
        string.Join(", ", message.Parameters.Select(p => p.Name is { Length: > 0 } name ? $"{name}={p.Value}" : p.Value));

    private static ChatBubble ToBubble(DevelopmentMessage message) =>
        new(BubbleSide.Received, Describe(message), message.SentAt,
            message.TemplateName is { } template ? $"template {template} · via outbox" : "via outbox");

    private List<ChatBubble> Transcript(string phone)
    {
        lock (transcripts)
        {
            if (!transcripts.TryGetValue(phone, out var transcript)) transcripts[phone] = transcript = [];
            return transcript;
        }
    }
}
