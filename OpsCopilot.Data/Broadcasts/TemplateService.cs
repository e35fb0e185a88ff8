using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;

namespace OpsCopilot.Data.Broadcasts;

public sealed record TemplateInput(string TemplateKey, string BodyTemplate, IReadOnlyList<string> ExpectedParams, string? WaTemplateName,
    string? Language, IReadOnlyList<string>? Synonyms, string? Audience);

public sealed partial class TemplateService(OpsDbContext db)
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyFormat();

    public async Task<IReadOnlyList<BroadcastTemplate>> ListAsync(CancellationToken cancellationToken) =>
        await db.BroadcastTemplates.AsNoTracking().OrderBy(t => t.TemplateKey).ToListAsync(cancellationToken);

    /// <summary>One page of the tenant's templates by key, for the console's list.</summary>
    public async Task<Page<BroadcastTemplate>> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.BroadcastTemplates.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(t => t.TemplateKey).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<BroadcastTemplate>(items, total, page, pageSize);
    }

    public async Task<BroadcastTemplate?> FindAsync(string key, CancellationToken cancellationToken) =>
        await db.BroadcastTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateKey == key, cancellationToken);

    /// <summary>Lowercase letters, digits and _, starting with a letter, at most 64: a template's key and a placeholder's name.</summary>
    public static bool IsValidName(string? name) => KeyFormat().IsMatch(name ?? "");

    public async Task<BroadcastTemplate> GetAsync(string key, CancellationToken cancellationToken) =>
        await db.BroadcastTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateKey == key, cancellationToken)
        ?? throw OpsException.NotFound($"Template '{key}'");

    public async Task<BroadcastTemplate> CreateAsync(TemplateInput input, Guid? by, CancellationToken cancellationToken)
    {
        Validate(input);
        if (await db.BroadcastTemplates.AnyAsync(t => t.TemplateKey == input.TemplateKey, cancellationToken))
            throw OpsException.Conflict($"Template '{input.TemplateKey}' already exists.");
        var template = new BroadcastTemplate { TenantId = db.Tenant.Required, TemplateKey = input.TemplateKey, BodyTemplate = input.BodyTemplate };
        Apply(template, input);
        db.BroadcastTemplates.Add(template);
        db.Record(EventTypes.TemplateChanged, new { template_key = template.TemplateKey, change = "created", by });
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    /// <summary>Editing the text withdraws the approval: what was approved is no longer what would be sent.</summary>
    public async Task<BroadcastTemplate> UpdateAsync(string key, TemplateInput input, Guid? by, CancellationToken cancellationToken)
    {
        Validate(input with { TemplateKey = key });
        var template = await db.BroadcastTemplates.SingleOrDefaultAsync(t => t.TemplateKey == key, cancellationToken)
            ?? throw OpsException.NotFound($"Template '{key}'");
        var textChanged = template.BodyTemplate != input.BodyTemplate || !template.ExpectedParams.SequenceEqual(input.ExpectedParams);
        Apply(template, input);
        if (textChanged) template.IsApproved = false;
        db.Record(EventTypes.TemplateChanged, new { template_key = key, change = "edited", approval_withdrawn = textChanged, by });
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    public async Task<BroadcastTemplate> SetFlagsAsync(string key, bool? approved, bool? active, Guid? by, CancellationToken cancellationToken)
    {
        var template = await db.BroadcastTemplates.SingleOrDefaultAsync(t => t.TemplateKey == key, cancellationToken)
            ?? throw OpsException.NotFound($"Template '{key}'");
        if (approved is { } a) template.IsApproved = a;
        if (active is { } b) template.IsActive = b;
        template.UpdatedAt = DateTimeOffset.UtcNow;
        db.Record(EventTypes.TemplateChanged, new { template_key = key, change = "flags", is_approved = template.IsApproved, is_active = template.IsActive, by });
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    public static void Validate(TemplateInput input)
    {
        if (!KeyFormat().IsMatch(input.TemplateKey ?? ""))
            throw OpsException.Invalid("template_key", "template_key must be lowercase letters, digits and _ (starting with a letter, at most 64).");
        if (string.IsNullOrWhiteSpace(input.BodyTemplate) || input.BodyTemplate.Length > 1024)
            throw OpsException.Invalid("body_template", "body_template must be 1 to 1024 characters.");
        if (input.ExpectedParams.Any(p => !KeyFormat().IsMatch(p ?? "")))
            throw OpsException.Invalid("expected_params", "Each expected param must be lowercase letters, digits and _.");
        if (input.ExpectedParams.Distinct(StringComparer.Ordinal).Count() != input.ExpectedParams.Count)
            throw OpsException.Invalid("expected_params", "expected_params lists a name twice.");
        if (TemplatePlaceholders.Mismatch(input.BodyTemplate, input.ExpectedParams) is { } mismatch)
            throw OpsException.Invalid("expected_params", mismatch);
        if (input.Synonyms is { } synonyms && (synonyms.Count > 20 || synonyms.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 60)))
            throw OpsException.Invalid("synonyms", "At most 20 synonyms of 1 to 60 characters.");
    }

    private static void Apply(BroadcastTemplate template, TemplateInput input)
    {
        template.BodyTemplate = input.BodyTemplate;
        template.ExpectedParams = [.. input.ExpectedParams];
        template.WaTemplateName = string.IsNullOrWhiteSpace(input.WaTemplateName) ? null : input.WaTemplateName.Trim();
        template.Language = string.IsNullOrWhiteSpace(input.Language) ? "de" : input.Language.Trim();
        template.Synonyms = [.. (input.Synonyms ?? []).Select(s => s.Trim())];
        template.Audience = string.IsNullOrWhiteSpace(input.Audience) ? "DRIVER" : input.Audience.Trim().ToUpperInvariant();
        template.UpdatedAt = DateTimeOffset.UtcNow;
    }
}
