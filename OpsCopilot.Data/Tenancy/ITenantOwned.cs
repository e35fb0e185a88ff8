namespace OpsCopilot.Data.Tenancy;

/// <summary>An entity stored in a tenant table: row-level security and a global query filter scope it.</summary>
public interface ITenantOwned
{
    int TenantId { get; set; }
}
