using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>Who asked for a draft: the console user and, when it came over WhatsApp, the phone it came from.</summary>
/// <param name="Name">The user's display name or email; null when the draft has no creator.</param>
/// <param name="Phone">E.164 digits of the sending phone (masked wherever shown); null for a console or API draft.</param>
public sealed record DraftRequester(string? Name, string? Phone);

/// <summary>What a draft would do, read from its payload (strings as people write them, never JSON escapes).</summary>
public abstract record DraftContent;

public sealed record TicketDraftContent(string Title, string? Plate, string? Description) : DraftContent;

/// <param name="RenderedText">The message as the first recipient reads it (the payload's sample_text).</param>
public sealed record BroadcastDraftContent(string TemplateKey, IReadOnlyList<string> Recipients, string? RenderedText,
    IReadOnlyDictionary<string, string> Params) : DraftContent;

public sealed record UnknownDraftContent(string Preview) : DraftContent;

/// <summary>A draft as a card shows it: the row, who asked, and what it does.</summary>
public sealed record DraftCard(Draft Draft, DraftRequester Requester, DraftContent Content)
{
    public static DraftContent ContentOf(Draft draft)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(draft.Payload) as JsonObject;
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload is null) return new UnknownDraftContent(DraftDisplay.Question(draft.Preview));
        return draft.ActionType switch
        {
            DraftActionType.CreateTicket => new TicketDraftContent(
                Text(payload, "title") ?? DraftDisplay.Question(draft.Preview), Blank(Text(payload, "vehicle_plate")), Blank(Text(payload, "description"))),
            DraftActionType.SendBroadcast => new BroadcastDraftContent(
                Text(payload, "template_key") ?? "",
                payload["recipient_names"] is JsonArray names ? names.Select(n => n?.GetValue<string>() ?? "").Where(n => n.Length > 0).ToList() : [],
                Blank(Text(payload, "sample_text")),
                payload["params"] is JsonObject parameters
                    ? parameters.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
                    : new Dictionary<string, string>()),
            _ => new UnknownDraftContent(DraftDisplay.Question(draft.Preview)),
        };
    }

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>The Drafts page's reads: lists of drafts with their requesters, in one scope per call.</summary>
public sealed class DraftCards(OpsDbContext db, DraftQueries queries, DraftRecoveryService recovery)
{
    public async Task<Page<DraftCard>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var drafts = await queries.ListAsync(status, page, pageSize, cancellationToken);
        return drafts.WithItems(await DescribeAsync(drafts.Items, cancellationToken));
    }

    /// <summary>The longest stuck first, with the runbook's evidence for each of the first <paramref name="shown"/>.</summary>
    public async Task<(int Total, IReadOnlyList<(DraftCard Card, DraftEvidence Evidence)> Shown)> StuckAsync(int shown, CancellationToken cancellationToken)
    {
        var stuck = await recovery.ListStuckAsync(cancellationToken);
        var cards = await DescribeAsync(stuck.Take(shown).ToList(), cancellationToken);
        var result = new List<(DraftCard, DraftEvidence)>();
        foreach (var card in cards) result.Add((card, await recovery.GetEvidenceAsync(card.Draft.Id, cancellationToken)));
        return (stuck.Count, result);
    }

    public async Task<IReadOnlyList<DraftCard>> DescribeAsync(IReadOnlyList<Draft> drafts, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        var userIds = drafts.Select(d => d.CreatedBy).OfType<Guid>().Distinct().ToList();
        var threadIds = drafts.Select(d => d.ThreadId).OfType<Guid>().Distinct().ToList();
        var names = userIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? "", cancellationToken);
        var phones = threadIds.Count == 0 ? new Dictionary<Guid, string>() : await db.Threads.AsNoTracking()
            .Where(t => threadIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.WaUserId, cancellationToken);
        return drafts.Select(d => new DraftCard(d,
            new DraftRequester(
                d.CreatedBy is { } user && names.TryGetValue(user, out var name) && name.Length > 0 ? name : null,
                d.ThreadId is { } thread ? phones.GetValueOrDefault(thread) : null),
            DraftCard.ContentOf(d))).ToList();
    }
}
