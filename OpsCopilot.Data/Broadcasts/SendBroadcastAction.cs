using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Data.Broadcasts;

/// <summary>
/// SEND_BROADCAST: one queued outbox row per recipient, in the commit's transaction. The template and the
/// subscriptions are checked again: what changed since the draft is honoured (an unsubscribed driver is skipped).
/// </summary>
public sealed class SendBroadcastAction(OpsDbContext db, BroadcastPlanner planner) : IDraftAction
{
    public string ActionType => DraftActionType.SendBroadcast;

    public async Task<JsonObject> ExecuteAsync(Draft draft, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(draft.Payload)!.AsObject();
        var templateKey = payload["template_key"]!.GetValue<string>();
        var driverIds = payload["driver_ids"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToList();
        var parameters = payload["params"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

        var template = await db.BroadcastTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateKey == templateKey, cancellationToken)
            ?? throw OpsException.Conflict($"Template '{templateKey}' no longer exists.");
        BroadcastPlanner.CheckSendable(template);
        BroadcastPlanner.CheckParams(template, parameters);
        var recipients = await planner.RecipientsAsync(allDrivers: false, driverIds, cancellationToken);
        if (recipients.Count == 0) throw OpsException.Conflict("None of the recipients is still subscribed.");

        foreach (var recipient in recipients)
        {
            var values = BroadcastPlanner.ValuesFor(recipient, parameters);
            var templateParams = new JsonObject(template.ExpectedParams.Select(p => KeyValuePair.Create(p, (JsonNode?)JsonValue.Create(values[p]))));
            db.Notifications.Add(new Notification
            {
                TenantId = draft.TenantId, DraftId = draft.Id, DriverId = recipient.DriverId, RecipientPhone = recipient.Phone,
                Kind = NotificationKind.Template, TemplateName = template.WaTemplateName ?? template.TemplateKey,
                TemplateParams = templateParams.ToJsonString(), Body = TemplatePlaceholders.Render(template.BodyTemplate, values),
                Language = template.Language,
            });
        }
        db.Record(EventTypes.BroadcastQueued, new { draft_id = draft.Id, template_key = templateKey, recipients = recipients.Count }, draft.ThreadId);
        await db.SaveChangesAsync(cancellationToken);

        return new JsonObject
        {
            ["template_key"] = templateKey, ["queued"] = recipients.Count,
            ["recipients"] = new JsonArray(recipients.Select(r => (JsonNode)JsonValue.Create(r.FullName)).ToArray()),
            ["reply"] = DraftTexts.BroadcastCommitted(templateKey, recipients.Count),
        };
    }
}
