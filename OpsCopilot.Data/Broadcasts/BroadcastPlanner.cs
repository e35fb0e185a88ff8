using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Drivers;

namespace OpsCopilot.Data.Broadcasts;

public sealed record BroadcastRecipient(Guid DriverId, string FullName, string Phone);

public sealed record BroadcastPlan(BroadcastTemplate Template, IReadOnlyList<BroadcastRecipient> Recipients,
    IReadOnlyDictionary<string, string> Params, string SampleText)
{
    public string Preview => DraftTexts.BroadcastPreview(Template.TemplateKey, Recipients.Count);

    /// <summary>What the dispatcher reads on WhatsApp: <see cref="Preview"/> first, then the names and the rendered text.</summary>
    public string Reply => DraftTexts.BroadcastDraftReply(Template.TemplateKey, Recipients.Select(r => r.FullName).ToList(), SampleText);

    public JsonObject ToPayload() => new()
    {
        ["template_key"] = Template.TemplateKey,
        ["driver_ids"] = new JsonArray(Recipients.Select(r => (JsonNode)JsonValue.Create(r.DriverId)).ToArray()),
        ["recipient_names"] = new JsonArray(Recipients.Select(r => (JsonNode)JsonValue.Create(r.FullName)).ToArray()),
        ["params"] = new JsonObject(Params.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        ["sample_text"] = SampleText,
    };
}

/// <summary>
/// Decides at draft time whether a broadcast may be sent at all: approved, active template; params exactly the
/// expected ones; at least one subscribed, active recipient. Every refusal says why.
/// </summary>
public sealed class BroadcastPlanner(OpsDbContext db)
{
    public async Task<BroadcastPlan> PlanAsync(string templateKey, bool allDrivers, IReadOnlyCollection<Guid> driverIds,
        IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var template = await db.BroadcastTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateKey == templateKey, cancellationToken)
            ?? throw OpsException.Invalid("template_key", $"There is no template '{templateKey}'.");
        CheckSendable(template);
        CheckParams(template, parameters);

        var recipients = await RecipientsAsync(allDrivers, driverIds, cancellationToken);
        if (recipients.Count == 0)
            throw OpsException.Invalid("recipients", allDrivers
                ? "No driver is subscribed to broadcasts."
                : "None of these drivers is active and subscribed to broadcasts.");

        var sample = TemplatePlaceholders.Render(template.BodyTemplate, ValuesFor(recipients[0], parameters));
        return new BroadcastPlan(template, recipients, parameters, sample);
    }

    public static void CheckSendable(BroadcastTemplate template)
    {
        if (!template.IsApproved) throw OpsException.Invalid("template_key", $"Template '{template.TemplateKey}' is not approved for sending.");
        if (!template.IsActive) throw OpsException.Invalid("template_key", $"Template '{template.TemplateKey}' is not active.");
    }

    public static void CheckParams(BroadcastTemplate template, IReadOnlyDictionary<string, string> parameters)
    {
        var required = template.ExpectedParams.Where(p => !TemplatePlaceholders.PerRecipient.Contains(p)).ToHashSet(StringComparer.Ordinal);
        var missing = required.Where(p => !parameters.TryGetValue(p, out var v) || string.IsNullOrWhiteSpace(v)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw OpsException.Invalid("params", $"Template '{template.TemplateKey}' needs {string.Join(", ", missing)}.");
        var unexpected = parameters.Keys.Where(k => !required.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw OpsException.Invalid("params", $"Template '{template.TemplateKey}' does not take {string.Join(", ", unexpected)}.");
    }

    public static Dictionary<string, string> ValuesFor(BroadcastRecipient recipient, IReadOnlyDictionary<string, string> parameters) =>
        new(parameters, StringComparer.Ordinal) { ["driver_name"] = recipient.FullName };

    /// <summary>Subscribed, active drivers: all of them, or those of the given ids.</summary>
    public async Task<List<BroadcastRecipient>> RecipientsAsync(bool allDrivers, IReadOnlyCollection<Guid> driverIds, CancellationToken cancellationToken)
    {
        IQueryable<Driver> drivers = db.Drivers.AsNoTracking().Where(d => d.IsActive);
        if (!allDrivers) drivers = drivers.Where(d => driverIds.Contains(d.Id));
        return await (
            from driver in drivers
            join subscription in db.BroadcastSubscriptions on driver.Id equals subscription.DriverId
            where subscription.IsSubscribed
            orderby driver.FullName
            select new BroadcastRecipient(driver.Id, driver.FullName, driver.Phone)).ToListAsync(cancellationToken);
    }
}
