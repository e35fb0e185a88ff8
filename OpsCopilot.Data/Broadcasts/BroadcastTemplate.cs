using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Broadcasts;

/// <summary>An approved message drivers may receive; body placeholders ({{name}}) must equal ExpectedParams.</summary>
public sealed class BroadcastTemplate : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int TenantId { get; set; }
    public required string TemplateKey { get; set; }
    public string Audience { get; set; } = "DRIVER";
    public required string BodyTemplate { get; set; }
    public List<string> ExpectedParams { get; set; } = [];
    public string? WaTemplateName { get; set; }
    public string Language { get; set; } = "de";
    /// <summary>Words dispatchers use for this template ("Schichterinnerung").</summary>
    public List<string> Synonyms { get; set; } = [];
    public bool IsApproved { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
