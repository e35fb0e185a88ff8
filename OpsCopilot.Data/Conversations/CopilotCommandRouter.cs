using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// docs/conversation.md: what a sender's message does. Unpaired numbers can only pair (drivers may STOP / START);
/// paired dispatchers get drafts, confirmations, ticket status and help. All through the ops-core services,
/// inside the message's transaction.
/// </summary>
public sealed class CopilotCommandRouter(
    OpsDbContext db, IMessageInterpreter interpreter, InterpretationContextLoader contexts, PairingService pairing,
    DraftService drafts, BroadcastPlanner planner, TicketService tickets, PreparedReading prepared, DraftCorrector corrector) : ICommandRouter
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
        var body = sender.Message.Body;
        var command = CommandClassifier.Classify(body);
        if (command is null && await AboutTheWaitingDraftAsync(sender, cancellationToken) is { } answer)
        {
            return answer;
        }

        var reading = command
            ?? prepared.For(sender.TenantId, body)
            ?? await interpreter.ReadAsync(body, await contexts.LoadAsync(sender.Message.ReceivedAt, cancellationToken), cancellationToken);
        return reading.Intent switch
        {
            MessageIntent.Pair => ConversationReplies.AlreadyPaired,
            MessageIntent.Confirm => await DecideAsync(sender, confirm: true, cancellationToken),
            MessageIntent.Cancel => await DecideAsync(sender, confirm: false, cancellationToken),
            // A dispatcher's "Stopp!" while a draft waits stops the draft (drivers' STOP never reaches here).
            MessageIntent.Stop when await PendingDraftAsync(sender, cancellationToken) is not null => await DecideAsync(sender, confirm: false, cancellationToken),
            MessageIntent.TicketStatus when reading.TicketNumber is { } number => await TicketStatusAsync(number, cancellationToken),
            MessageIntent.CreateTicket when reading.Ticket is { } ticket => await TicketDraftAsync(sender, ticket, cancellationToken),
            MessageIntent.SendBroadcast when reading.Broadcast is { } broadcast => await BroadcastDraftAsync(sender, broadcast, cancellationToken),
            _ => ConversationReplies.Help,
        };
    }

    /// <summary>
    /// Messages that only make sense next to a waiting draft: a correction ("nein, W-2245", "nicht Max, Anna") replaces
    /// it, and an acknowledgement ("ok", "passt", 👍) asks again instead of deciding. Cheap checks of the text come
    /// first, so other messages cost no extra query.
    /// </summary>
    private async Task<string?> AboutTheWaitingDraftAsync(SenderContext sender, CancellationToken cancellationToken)
    {
        var body = sender.Message.Body;
        var correcting = DraftCorrectionReader.HasCue(body);
        var acknowledging = !correcting && CommandClassifier.IsAcknowledgement(body);
        if (!correcting && !acknowledging || await PendingDraftAsync(sender, cancellationToken) is not { } pending)
        {
            return null;
        }

        if (acknowledging)
        {
            return ConversationReplies.StillWaiting(pending.Preview);
        }

        var context = await contexts.LoadAsync(sender.Message.ReceivedAt, cancellationToken);
        var correction = DraftCorrectionReader.Read(body, context);
        return correction.SaysAnything ? await corrector.TryCorrectAsync(sender, pending, correction, cancellationToken) : null;
    }

    private Task<Draft?> PendingDraftAsync(SenderContext sender, CancellationToken cancellationToken) =>
        db.Drafts.AsNoTracking()
            .Where(d => d.ThreadId == sender.ThreadId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(1)
            .Where(d => d.Status == DraftStatus.PendingConfirm)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<string> TicketDraftAsync(SenderContext sender, TicketRequest ticket, CancellationToken cancellationToken)
    {
        await drafts.CreateAsync(DraftActionType.CreateTicket,
            CreateTicketAction.Payload(ticket.Title, ticket.Description, ticket.VehiclePlate),
            DraftTexts.TicketPreview(ticket.Title), sender.ThreadId, sender.UserId, cancellationToken);
        // The stored preview is the runbook's one line (the console shows it with buttons); WhatsApp gets the details too.
        return DraftTexts.TicketDraftReply(ticket.Title, ticket.VehiclePlate);
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
            await drafts.CreateAsync(DraftActionType.SendBroadcast, plan.ToPayload(), plan.Preview, sender.ThreadId, sender.UserId, cancellationToken);
            return plan.Reply;
        }
        catch (OpsException refusal)
        {
            return ConversationReplies.CannotBroadcast(refusal.Message);
        }
    }

    /// <summary>
    /// CONFIRM / CANCEL act on the pending draft most recently put in front of the dispatcher in this conversation: the
    /// newest one, or the one the office reset or whose commit failed since (docs/conversation.md). When more wait, the
    /// reply names the next. A draft stuck half-way is answered honestly; an outcome someone else decided a moment
    /// earlier is not repeated (they told the dispatcher themselves).
    /// </summary>
    private async Task<string> DecideAsync(SenderContext sender, bool confirm, CancellationToken cancellationToken)
    {
        var pending = await db.Drafts.AsNoTracking()
            .Where(d => d.ThreadId == sender.ThreadId && d.Status == DraftStatus.PendingConfirm)
            .OrderByDescending(d => d.ExpiresAt > DateTimeOffset.UtcNow).ThenByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.Preview, Live = d.ExpiresAt > DateTimeOffset.UtcNow })
            .Take(50)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            var inFlight = await db.Drafts.AnyAsync(d => d.ThreadId == sender.ThreadId && d.Status == DraftStatus.Committing, cancellationToken);
            if (inFlight) return DecisionReplies.BeingExecuted;
            var latest = await db.Drafts.AsNoTracking().Where(d => d.ThreadId == sender.ThreadId)
                .OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).Select(d => d.Status).FirstOrDefaultAsync(cancellationToken);
            return latest == DraftStatus.Expired ? ConversationReplies.DraftExpired : ConversationReplies.NothingToConfirm;
        }

        // An overdue draft is only chosen when none is live: deciding it expires it and says so.
        var target = pending[0];
        var decision = confirm
            ? await drafts.ConfirmAsync(target.Id, sender.UserId, DecisionChannel.Conversation, cancellationToken)
            : await drafts.CancelAsync(target.Id, sender.UserId, DecisionChannel.Conversation, cancellationToken);
        var reply = decision.Status switch
        {
            DraftStatus.Committed when decision.DecidedNow => decision.CommitResult?["reply"]?.GetValue<string>() ?? ConversationReplies.Done,
            DraftStatus.Committed => DecisionReplies.AlreadyConfirmed,
            DraftStatus.Cancelled when decision.DecidedNow => ConversationReplies.DraftCancelled,
            DraftStatus.Cancelled => DecisionReplies.AlreadyCancelled,
            DraftStatus.Expired => ConversationReplies.DraftExpired,
            DraftStatus.PendingConfirm when decision.Error is { } error => ConversationReplies.CommitFailed(error),
            DraftStatus.Committing => DecisionReplies.BeingExecuted,
            _ => ConversationReplies.DraftIs(decision.Status),
        };
        var stillWaiting = pending.Skip(1).Where(d => d.Live).ToList();
        return decision.DecidedNow && decision.Status != DraftStatus.Expired && stillWaiting.Count > 0
            ? reply + "\n\n" + DecisionReplies.NextWaiting(stillWaiting.Count, stillWaiting[0].Preview)
            : reply;
    }

    private async Task<string> TicketStatusAsync(int number, CancellationToken cancellationToken) =>
        await tickets.FindByNumberAsync(number, cancellationToken) is { } ticket
            ? ConversationReplies.TicketStatus(ticket.TicketNumber, ticket.Title, ticket.Status)
            : ConversationReplies.NoSuchTicket(number);
}
