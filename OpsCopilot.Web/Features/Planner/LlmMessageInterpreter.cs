using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// Message understanding by an LLM, wrapped around the rules. The rules read every message first and keep the protocol
/// words (PAIR, CONFIRM, CANCEL, HELP, STOP, START) and ticket status to themselves: those never reach the model, so
/// a confirmation can never be invented by it. Everything else is planned by the model within the limits; whatever
/// goes wrong (timeout, limits, HTTP error, garbage) the rules' reading is the answer.
/// </summary>
public sealed partial class LlmMessageInterpreter(
    IChatClient client, PlannerOptions options, RuleBasedMessageInterpreter rules, PlannerMetrics metrics, ILogger<LlmMessageInterpreter> logger)
    : IRemoteMessageInterpreter
{
    public async Task<MessageReading> ReadAsync(string text, InterpretationContext context, CancellationToken cancellationToken)
    {
        var ruleReading = await rules.ReadAsync(text, context, cancellationToken);
        if (!IsForThePlanner(ruleReading) || string.IsNullOrWhiteSpace(text))
            return ruleReading;

        var conversation = new PlannerConversation(client, options);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Timeout);
        try
        {
            var reading = await conversation.RunAsync(text, context, budget.Token);
            metrics.Read(reading.Intent.ToString());
            LogPlanned(reading.Intent, conversation.Steps, conversation.ToolCalls);
            return reading;
        }
        // The caller giving up (request aborted, shutdown) is not the planner failing: let it propagate as the rules would.
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = budget.IsCancellationRequested ? PlannerFallbackReason.Timeout : ReasonFor(failure);
            metrics.FellBack(reason);
            // Type and status only: an exception message may quote the response, and with it the dispatcher's words.
            LogFellBack(reason.Tag(), conversation.Steps, conversation.ToolCalls, failure.GetType().Name, StatusOf(failure));
            return ruleReading;
        }
    }

    /// <summary>Only what the rules could not decide with certainty: requests and everything unknown.</summary>
    private static bool IsForThePlanner(MessageReading reading) =>
        reading.Intent is MessageIntent.Unknown or MessageIntent.CreateTicket or MessageIntent.SendBroadcast;

    /// <summary>The HTTP status a provider's client reported: OpenAI's ClientResultException, OllamaSharp's HttpRequestException.</summary>
    private static int StatusOf(Exception failure) => failure switch
    {
        ClientResultException { Status: > 0 } openAi => openAi.Status,
        HttpRequestException { StatusCode: { } status } => (int)status,
        _ => 0,
    };

    private static PlannerFallbackReason ReasonFor(Exception failure) => failure switch
    {
        PlannerGaveUpException gaveUp => gaveUp.Reason,
        _ when StatusOf(failure) > 0 => PlannerFallbackReason.HttpError,
        JsonException or FormatException or InvalidOperationException or KeyNotFoundException => PlannerFallbackReason.MalformedResponse,
        _ => PlannerFallbackReason.Error,
    };

    [LoggerMessage(LogLevel.Information, "The planner read the message as {Intent} in {Steps} step(s) with {ToolCalls} tool call(s)")]
    private partial void LogPlanned(MessageIntent intent, int steps, int toolCalls);

    [LoggerMessage(LogLevel.Warning, "The planner fell back to the rules ({Reason}) after {Steps} step(s) and {ToolCalls} tool call(s); {FailureType}, HTTP status {Status}")]
    private partial void LogFellBack(string reason, int steps, int toolCalls, string failureType, int status);
}
