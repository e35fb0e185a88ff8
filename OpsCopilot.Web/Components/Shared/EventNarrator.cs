using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>An audit event told as a person would say it: who did what to which thing.</summary>
public sealed record EventLine(OpsEvent Event, string Sentence);

/// <summary>
/// Turns audit events into one-line sentences with names ("anna@demo.local confirmed ticket #10 for W-7777"), never
/// JSON or ids: users, drivers, drafts and the phone behind a conversation are looked up for a batch at once.
/// Phone numbers appear masked, beside their person's name.
/// </summary>
public sealed class EventNarrator(OpsDbContext db)
{
    public async Task<IReadOnlyList<EventLine>> NarrateAsync(IReadOnlyList<OpsEvent> events, CancellationToken cancellationToken)
    {
        var payloads = events.Select(e => Parse(e.Payload)).ToList();
        var draftIds = payloads.Select(p => Guid(p, "draft_id")).OfType<Guid>().Distinct().ToList();
        var drafts = draftIds.Count == 0 ? new Dictionary<Guid, Draft>() :
            await db.Drafts.AsNoTracking().Where(d => draftIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var threadIds = events.Select(e => e.ThreadId).Concat(drafts.Values.Select(d => d.ThreadId)).OfType<Guid>().Distinct().ToList();
        var threads = threadIds.Count == 0 ? [] : await (
            from thread in db.Threads.AsNoTracking()
            where threadIds.Contains(thread.Id)
            join identity in db.Identities.AsNoTracking() on thread.IdentityId equals identity.Id into identities
            from identity in identities.DefaultIfEmpty()
            select new { thread.Id, thread.WaUserId, UserId = (Guid?)identity.UserId }).ToListAsync(cancellationToken);
        var userIds = payloads.SelectMany(p => new[] { Guid(p, "by"), Guid(p, "user_id") })
            .Concat(drafts.Values.SelectMany(d => new[] { d.ConfirmedBy, d.CreatedBy }))
            .Concat(threads.Select(t => t.UserId)).OfType<Guid>().Distinct().ToList();
        var tenantId = db.Tenant.Required;
        var users = userIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "a user", cancellationToken);
        var driverIds = payloads.Select(p => Guid(p, "driver_id")).OfType<Guid>().Distinct().ToList();
        var drivers = driverIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Drivers.AsNoTracking()
            .Where(d => driverIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.FullName, cancellationToken);
        var people = threads.ToDictionary(t => t.Id, t =>
            (t.UserId is { } user && users.TryGetValue(user, out var name) ? name + " " : "") + "+" + PhoneNumbers.Mask(t.WaUserId));

        var context = new Names(users, drivers, drafts, people);
        return events.Select((e, i) => new EventLine(e, Tell(e, payloads[i], context))).ToList();
    }

    private sealed record Names(
        IReadOnlyDictionary<Guid, string> Users, IReadOnlyDictionary<Guid, string> Drivers,
        IReadOnlyDictionary<Guid, Draft> Drafts, IReadOnlyDictionary<Guid, string> People)
    {
        public string User(Guid? id, string fallback = "someone") => id is { } known && Users.TryGetValue(known, out var name) ? name : fallback;

        public string Driver(Guid? id) => id is { } known && Drivers.TryGetValue(known, out var name) ? name : "a driver";

        public string Person(Guid? threadId) => threadId is { } known && People.TryGetValue(known, out var name) ? name : "an unknown phone";
    }

    private static string Tell(OpsEvent e, JsonObject p, Names n)
    {
        var draft = Guid(p, "draft_id") is { } draftId ? n.Drafts.GetValueOrDefault(draftId) : null;
        var by = n.User(Guid(p, "by"));
        return e.EventType switch
        {
            EventTypes.MessageIn => $"{n.Person(e.ThreadId)} wrote “{Clip(Text(p, "body") ?? Text(p, "text") ?? "")}”",
            EventTypes.MessageOut => $"Ops Copilot replied to {n.Person(e.ThreadId)}: “{Clip(Text(p, "reply") ?? "")}”",
            EventTypes.Paired => $"{n.Person(e.ThreadId)} paired their phone",
            EventTypes.PairFailed => $"A pairing attempt from {n.Person(e.ThreadId)} failed",
            EventTypes.InviteCreated => $"{by} created a pairing code for {n.User(Guid(p, "user_id"))}",
            EventTypes.InviteRevoked => $"{by} revoked a pairing code",
            EventTypes.IdentityRevoked => $"{by} unpaired +{Text(p, "wa_user_id")} of {n.User(Guid(p, "user_id"))}"
                + (Text(p, "reason") is { Length: > 0 } reason ? $" ({reason})" : ""),
            EventTypes.DraftCreated => $"{Asker(draft, e, n)} asked: {DraftName(draft, Text(p, "preview"))}",
            EventTypes.DraftCommitted => $"{n.User(draft?.ConfirmedBy, "A dispatcher")} confirmed {Outcome(draft, p)}",
            EventTypes.DraftCancelled => $"{by} cancelled {DraftName(draft, null)}",
            EventTypes.DraftExpired => $"{DraftName(draft, null, capital: true)} expired without a decision",
            EventTypes.DraftReset => $"{by} reset stuck {DraftName(draft, null)} to pending",
            EventTypes.DraftFailed => $"{by} marked stuck {DraftName(draft, null)} failed",
            EventTypes.DraftCommitError => $"{DraftName(draft, null, capital: true)} could not be executed: {Clip(Text(p, "error") ?? "")}",
            EventTypes.TicketCreated => $"Ticket #{Number(p, "ticket_number")} “{Clip(Text(p, "title") ?? "")}” was created",
            EventTypes.TicketStatusChanged => $"{by} moved ticket #{Number(p, "ticket_number")} from {Text(p, "from")} to {Text(p, "to")}",
            EventTypes.BroadcastQueued => $"Template {Text(p, "template_key")} was queued for {Plural(Number(p, "recipients"), "driver")}",
            EventTypes.NotifySendOk => "A WhatsApp message was sent",
            EventTypes.NotifySendFailed => $"A WhatsApp message could not be sent{(Text(p, "error") is { } error ? ": " + Clip(error) : "")}",
            EventTypes.SubscriptionChanged => $"{n.Driver(Guid(p, "driver_id"))} {(Bool(p, "subscribed") ? "subscribed to" : "unsubscribed from")} broadcasts"
                                              + (Guid(p, "by") is null ? "" : $" (by {by})"),
            EventTypes.TemplateChanged => $"{by} {Text(p, "change") switch { "created" => "created", "flags" => "switched", _ => "edited" }} template {Text(p, "template_key")}",
            EventTypes.DriverChanged => $"{by} {(Text(p, "change") == "created" ? "added" : "changed")} driver {n.Driver(Guid(p, "driver_id"))}",
            EventTypes.ThreadReset => $"{by} reset the chat state of {n.Person(e.ThreadId)}",
            EventTypes.IdempotencyUnblocked => $"{by} unblocked a message",
            EventTypes.NotificationsDrained => $"{by} re-queued failed messages",
            EventTypes.UserChanged => $"{by} {(Text(p, "change") == "created" ? "added user" : "changed the role of")} {Text(p, "email")}",
            EventTypes.RetentionRun => "Old records were purged (retention)",
            _ => Humanize(e.EventType),
        };
    }

    private static string Asker(Draft? draft, OpsEvent e, Names n) =>
        e.ThreadId is not null ? n.Person(e.ThreadId) : n.User(draft?.CreatedBy, "Someone in the console");

    private static string DraftName(Draft? draft, string? preview, bool capital = false)
    {
        var name = draft is null
            ? (preview is null ? "a draft" : Clip(DraftDisplay.Question(preview)))
            : DraftCardText(draft);
        return capital && name.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name;
    }

    private static string DraftCardText(Draft draft) => DraftCard.ContentOf(draft) switch
    {
        TicketDraftContent t => $"the ticket “{Clip(t.Title)}”" + (t.Plate is { } plate ? $" for {plate}" : ""),
        BroadcastDraftContent b => $"the broadcast {b.TemplateKey} to {Plural(b.Recipients.Count, "driver")}",
        _ => "a draft",
    };

    private static string Outcome(Draft? draft, JsonObject p)
    {
        var result = p["commit_result"] as JsonObject;
        if (result?["ticket_number"] is JsonValue number)
        {
            var plate = draft is null ? null : (DraftCard.ContentOf(draft) as TicketDraftContent)?.Plate;
            return $"ticket #{number}" + (plate is null ? "" : $" for {plate}");
        }
        if (result?["template_key"] is JsonValue key) return $"template {key} to {Plural(result["queued"]?.GetValue<int>() ?? 0, "driver")}";
        return draft is null ? "a draft" : DraftCardText(draft);
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Clip(string text, int max = 80)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private static string Humanize(string eventType) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(eventType.Replace('_', ' ').ToLowerInvariant());

    private static JsonObject Parse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonObject p, string name) => p[name] is JsonValue v ? v.ToString() : null;

    private static int Number(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    private static bool Bool(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static Guid? Guid(JsonObject p, string name) =>
        p[name] is JsonValue v && v.TryGetValue<string>(out var text) && System.Guid.TryParse(text, out var id) ? id : null;
}
