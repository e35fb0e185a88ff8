namespace OpsCopilot.Data.Security;

/// <summary>One XML element of the ASP.NET Core data-protection key ring, shared by all host instances.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public required string FriendlyName { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
