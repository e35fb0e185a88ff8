namespace OpsCopilot.Data.Conversations;

/// <summary>
/// Who sent a message, as far as the database knows before the router runs. For a paired sender the tenant,
/// identity, user and thread are set and the scope already works for that tenant; for anyone else they are null.
/// <paramref name="DriverMemberships"/> lists every tenant in which the number is an active driver (STOP / START).
/// </summary>
public sealed record SenderContext(
    InboundMessage Message,
    int? TenantId,
    Guid? IdentityId,
    Guid? UserId,
    Guid? ThreadId,
    IReadOnlyList<(int TenantId, Guid DriverId)> DriverMemberships)
{
    public bool IsPaired => TenantId is not null;
}
