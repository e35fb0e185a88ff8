using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// How many threads the tenant has, kept by the database in the transaction that inserts or deletes one (migration
/// 0022): the Conversations pager reads it instead of counting the threads. Read-only for the runtime.
/// </summary>
public sealed class TenantThreadCount : ITenantOwned
{
    public int TenantId { get; set; }
    public long Threads { get; set; }
}
