namespace OpsCopilot.Data.Tenancy;

/// <summary>
/// The tenant the current scope (HTTP request, Blazor circuit, webhook message, CLI verb) works for.
/// Unset means no tenant rows at all: the database policies fail closed.
/// </summary>
public sealed class TenantContext
{
    public int? TenantId { get; private set; }

    public void Use(int tenantId)
    {
        if (tenantId <= 0) throw new ArgumentOutOfRangeException(nameof(tenantId), "Tenant ids are positive.");
        if (TenantId is { } current && current != tenantId)
            throw new InvalidOperationException($"This scope already works for tenant {current}.");
        TenantId = tenantId;
    }

    public int Required => TenantId ?? throw new InvalidOperationException("No tenant is set for this scope.");
}
