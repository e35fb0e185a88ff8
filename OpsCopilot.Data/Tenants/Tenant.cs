namespace OpsCopilot.Data.Tenants;

public sealed class Tenant
{
    public const string DefaultTimeZone = "Europe/Vienna";

    public int Id { get; set; }
    public required string Name { get; set; }
    public string Timezone { get; set; } = DefaultTimeZone;
    public string Locale { get; set; } = "de-AT";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
