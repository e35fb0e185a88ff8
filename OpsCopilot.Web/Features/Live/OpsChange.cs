using System.Globalization;
using System.Text.Json;

namespace OpsCopilot.Web.Features.Live;

/// <summary>
/// One announcement from the database's change feed (channel ops_changes, migration 0007): which tenant's
/// draft, ticket or notification changed, and its status now. <see cref="Resync"/> means "changes may have been
/// missed" (the feed reconnected): every subscriber reloads.
/// </summary>
public sealed record OpsChange(int? TenantId, string Entity, string Id, string? Status)
{
    public const string Draft = "draft";
    public const string Ticket = "ticket";
    public const string Notification = "notification";

    /// <summary>A tenant's drivers, templates or time zone changed (migration 0020): the id is the new context version.</summary>
    public const string InterpretationContext = "interpretation_context";
    public const string ResyncEntity = "resync";

    public static OpsChange Resync { get; } = new(null, ResyncEntity, "", null);

    public bool IsResync => Entity == ResyncEntity;

    /// <summary>A resync concerns every tenant; anything else only its own.</summary>
    public bool AppliesTo(int tenantId) => IsResync || TenantId == tenantId;

    /// <summary>Reads a payload of the trigger; anything else (a stray NOTIFY on the channel) is ignored.</summary>
    public static OpsChange? Parse(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("tenant_id", out var tenant) || !tenant.TryGetInt32(out var tenantId)
                || !root.TryGetProperty("entity", out var entity) || entity.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("id", out var id))
                return null;
            var idText = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString()!,
                JsonValueKind.Number => id.GetInt64().ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (idText is null) return null;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new OpsChange(tenantId, entity.GetString()!, idText, status);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
