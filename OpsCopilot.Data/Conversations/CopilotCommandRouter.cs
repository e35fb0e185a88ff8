using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// DESIGN.md §6: what a sender's message does. Unpaired numbers can only pair (drivers may STOP / START);
/// paired dispatchers get drafts, confirmations, ticket status and help. All through the ops-core services,
/// inside the message's transaction.
/// </summary>
public sealed class CopilotCommandRouter(
    OpsDbContext db, IMessageInterpreter interpreter, InterpretationContextLoader contexts, PairingService pairing,
    DraftService drafts, BroadcastPlanner planner, TicketService tickets, PreparedReading prepared) : ICommandRouter
{
    public async Task<string> ReplyAsync(SenderContext sender, CancellationToken cancellationToken) =>
        sender.IsPaired ? await PairedAsync(sender, cancellationToken) : await UnpairedAsync(sender, cancellationToken);

    private async Task<string> UnpairedAsync(SenderContext sender, CancellationToken cancellationToken)
    {
        // An unknown number can only use protocol words, and those are always the rules': its message is never
        // handed to the interpreter, so with the LLM planner on it does not leave the host either.
        var reading = CommandClassifier.Classify(sender.Message.Body) ?? MessageReading.Unknown;
        switch (reading.Intent)
        {
            case MessageIntent.Pair when reading.Otp is { } code:
                var claim = await pairing.ClaimAsync(sender.Message.WaUserId, code, cancellationToken);
                if (claim.Succeeded) await db.UseTenantAsync(claim.TenantId!.Value, cancellationToken);
                await db.AnnouncePairedAsync(claim, cancellationToken);
                return ConversationReplies.ForPairing(claim.Outcome);
            case MessageIntent.Stop or MessageIntent.Start when sender.DriverMemberships.Count > 0:
                // A driver may drive for several companies on one number: STOP means stop, from every one of them.
                var subscribe = reading.Intent == MessageIntent.Start;
                await SenderDirectory.SetDriverSubscriptionAsync(db, sender.Message.WaUserId, subscribe,
                    subscribe ? "whatsapp_start" : "whatsapp_stop", cancellationToken);
                return subscribe ? ConversationReplies.Subscribed : ConversationReplies.Unsubscribed;
            default:
                return sender.DriverMemberships.Count > 0 ? ConversationReplies.DriverOnly : ConversationReplies.NotPaired;
        }
    }

    private async Task<string> PairedAsync(SenderContext sender, CancellationToken cancellationToken)
    {
        // Protocol words (CONFIRM, CANCEL, HELP, PAIR …) are always the rules' whichever interpreter is configured, and
        // need no drivers or templates: only other messages pay for loading the interpretation context.
        var reading = CommandClassifier.Classify(sender.Message.Body)
            ?? prepared.For(sender.TenantId, sender.Message.Body)
            ?? await interpreter.ReadAsync(sender.Message.Body, await contexts.LoadAsync(sender.Message.ReceivedAt, cancellationToken), cancellationToken);
        return reading.Intent switch
        {
            MessageIntent.Pair => ConversationReplies.AlreadyPaired,
            MessageIntent.Confirm => await DecideAsync(sender, confirm: true, cancellationToken),
            MessageIntent.Cancel => await DecideAsync(sender, confirm: false, cancellationToken),
            MessageIntent.TicketStatus when reading.TicketNumber is { } number => await TicketStatusAsync(number, cancellationToken),
            MessageIntent.CreateTicket when reading.Ticket is { } ticket => await TicketDraftAsync(sender, ticket, cancellationToken),
            MessageIntent.SendBroadcast when reading.Broadcast is { } broadcast => await BroadcastDraftAsync(sender, broadcast, cancellationToken),
            _ => ConversationReplies.Help,
        };
    }

    private async Task<string> TicketDraftAsync(SenderContext sender, TicketRequest ticket, CancellationToken cancellationToken)
    {
        var draft = await drafts.CreateAsync(DraftActionType.CreateTicket,
            CreateTicketAction.Payload(ticket.Title, ticket.Description, ticket.VehiclePlate),
            DraftTexts.TicketPreview(ticket.Title), sender.ThreadId, sender.UserId, cancellationToken);
        return draft.Preview;
    }

    private async Task<string> BroadcastDraftAsync(SenderContext sender, BroadcastRequest request, CancellationToken cancellationToken)
    {
        if (request.UnresolvedNames.Count > 0) return ConversationReplies.UnknownDrivers(request.UnresolvedNames);
        if (!request.AllDrivers && request.Recipients.Count == 0) return ConversationReplies.WhichDrivers;

        var template = await db.BroadcastTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateKey == request.TemplateKey, cancellationToken);
        if (template is null) return ConversationReplies.CannotBroadcast($"There is no template '{request.TemplateKey}'.");
        // What the dispatcher said beyond the template's params is context, not an error.
        var parameters = request.Params.Where(p => template.ExpectedParams.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        try
        {
            var plan = await planner.PlanAsync(request.TemplateKey, request.AllDrivers, request.Recipients.Select(r => r.Id).ToList(), parameters, cancellationToken);
            var draft = await drafts.CreateAsync(DraftActionType.SendBroadcast, plan.ToPayload(), plan.Preview, sender.ThreadId, sender.UserId, cancellationToken);
            return draft.Preview;
        }
        catch (OpsException refusal)
        {
            return ConversationReplies.CannotBroadcast(refusal.Message);
        }
    }

    /// <summary>CONFIRM / CANCEL act on the sender's latest pending draft in this conversation.</summary>
    private async Task<string> DecideAsync(SenderContext sender, bool confirm, CancellationToken cancellationToken)
    {
        var latest = await db.Drafts.AsNoTracking()
            .Where(d => d.ThreadId == sender.ThreadId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || (latest.Status != DraftStatus.PendingConfirm && latest.Status != DraftStatus.Expired))
            return ConversationReplies.NothingToConfirm;
        if (latest.Status == DraftStatus.Expired) return ConversationReplies.DraftExpired;

        var decision = confirm
            ? await drafts.ConfirmAsync(latest.Id, sender.UserId, cancellationToken)
            : await drafts.CancelAsync(latest.Id, sender.UserId, cancellationToken);
        return decision.Status switch
        {
            DraftStatus.Committed => decision.CommitResult?["reply"]?.GetValue<string>() ?? ConversationReplies.Done,
            DraftStatus.Cancelled => ConversationReplies.DraftCancelled,
            DraftStatus.Expired => ConversationReplies.DraftExpired,
            DraftStatus.PendingConfirm when decision.Error is { } error => ConversationReplies.CommitFailed(error),
            _ => ConversationReplies.DraftIs(decision.Status),
        };
    }

    private async Task<string> TicketStatusAsync(int number, CancellationToken cancellationToken) =>
        await tickets.FindByNumberAsync(number, cancellationToken) is { } ticket
            ? ConversationReplies.TicketStatus(ticket.TicketNumber, ticket.Title, ticket.Status)
            : ConversationReplies.NoSuchTicket(number);
}
