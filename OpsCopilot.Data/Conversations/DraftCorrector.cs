using System.Globalization;
using System.Text.Json.Nodes;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Tickets;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// Applies a correction ("nein, W-2245", "nicht Max, Anna", "nicht 6 sondern 7") to the draft waiting in the
/// conversation: the waiting draft is cancelled and the corrected one created, in the message's transaction, so the
/// trail shows DRAFT_CANCELLED then DRAFT_CREATED and the dispatcher is asked to CONFIRM again. Returns null when the
/// correction does not fit the draft (a plate for a broadcast, nothing that differs), so the message is read as usual.
/// </summary>
public sealed class DraftCorrector(DraftService drafts, BroadcastPlanner planner)
{
    public async Task<string?> TryCorrectAsync(SenderContext sender, Draft pending, DraftCorrection correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(correction);
        var payload = JsonNode.Parse(pending.Payload)!.AsObject();
        return pending.ActionType switch
        {
            DraftActionType.CreateTicket => await CorrectTicketAsync(sender, pending, payload, correction, cancellationToken),
            DraftActionType.SendBroadcast => await CorrectBroadcastAsync(sender, pending, payload, correction, cancellationToken),
            _ => null,
        };
    }

    private async Task<string?> CorrectTicketAsync(
        SenderContext sender, Draft pending, JsonObject payload, DraftCorrection correction, CancellationToken cancellationToken)
    {
        var oldPlate = payload["vehicle_plate"]?.GetValue<string>();
        if (correction.Plate is not { } plate || string.Equals(plate, oldPlate, StringComparison.Ordinal))
        {
            return null;
        }

        var title = payload["title"]?.GetValue<string>() ?? plate;
        title = oldPlate is not null && title.Contains(oldPlate, StringComparison.Ordinal)
            ? title.Replace(oldPlate, plate, StringComparison.Ordinal)
            : $"{title} {plate}";
        if (title.Length > TicketTitleBuilder.MaxTitleLength) title = title[..TicketTitleBuilder.MaxTitleLength].TrimEnd();
        var description = $"{payload["description"]?.GetValue<string>()}\n{sender.Message.Body.Trim()}".Trim();

        if (!await CancelAsync(pending, sender, cancellationToken)) return null;
        await drafts.CreateAsync(DraftActionType.CreateTicket, CreateTicketAction.Payload(title, description, plate),
            DraftTexts.TicketPreview(title), sender.ThreadId, sender.UserId, cancellationToken);
        return $"{DraftTexts.TicketDraftReply(title, plate)}\n{ConversationReplies.PreviousDraftCancelled}";
    }

    private async Task<string?> CorrectBroadcastAsync(
        SenderContext sender, Draft pending, JsonObject payload, DraftCorrection correction, CancellationToken cancellationToken)
    {
        var templateKey = payload["template_key"]!.GetValue<string>();
        var driverIds = payload["driver_ids"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToList();
        var parameters = payload["params"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

        var recipients = driverIds.ToList();
        if (correction.WrongDrivers.Count > 0)
        {
            recipients.RemoveAll(id => correction.WrongDrivers.Any(d => d.Id == id));
            recipients.AddRange(correction.RightDrivers.Select(d => d.Id).Where(id => !recipients.Contains(id)));
        }
        else if (correction.RightDrivers.Count > 0)
        {
            recipients = correction.RightDrivers.Select(d => d.Id).ToList();
        }

        var corrected = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var name in parameters.Keys)
        {
            switch (TemplateParamKinds.Of(name))
            {
                case TemplateParamKind.Date when correction.Date is { } date:
                    corrected[name] = date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
                    break;
                case TemplateParamKind.Time when correction.Time is { } time:
                    corrected[name] = time.ToString("HH:mm", CultureInfo.InvariantCulture);
                    break;
            }
        }

        var unchanged = recipients.SequenceEqual(driverIds) && corrected.All(p => parameters[p.Key] == p.Value);
        if (unchanged)
        {
            return null;
        }

        if (recipients.Count == 0)
        {
            return await CancelAsync(pending, sender, cancellationToken)
                ? $"{ConversationReplies.WhichDrivers}\n{ConversationReplies.PreviousDraftCancelled}"
                : null;
        }

        BroadcastPlan plan;
        try
        {
            plan = await planner.PlanAsync(templateKey, allDrivers: false, recipients, corrected, cancellationToken);
        }
        catch (OpsException refusal)
        {
            // The waiting draft stays as it was: the correction could not be drafted.
            return ConversationReplies.CannotBroadcast(refusal.Message);
        }

        if (!await CancelAsync(pending, sender, cancellationToken)) return null;
        await drafts.CreateAsync(DraftActionType.SendBroadcast, plan.ToPayload(), plan.Preview, sender.ThreadId, sender.UserId, cancellationToken);
        return $"{plan.Reply}\n{ConversationReplies.PreviousDraftCancelled}";
    }

    private async Task<bool> CancelAsync(Draft pending, SenderContext sender, CancellationToken cancellationToken)
    {
        var decision = await drafts.CancelAsync(pending.Id, sender.UserId, cancellationToken);
        return decision.Status is DraftStatus.Cancelled or DraftStatus.Expired;
    }
}
