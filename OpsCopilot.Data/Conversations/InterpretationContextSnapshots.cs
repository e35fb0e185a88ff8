using System.Collections.Concurrent;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Data.Conversations;

/// <summary>A tenant's time zone, active drivers and templates as of one <c>ops.tenants.context_version</c>.</summary>
public sealed record InterpretationContextSnapshot(
    long Version, string TimeZoneId, IReadOnlyList<DriverRef> Drivers, IReadOnlyList<TemplateRef> Templates)
{
    public InterpretationContext At(DateTimeOffset receivedAt) => new(TimeZoneId, receivedAt, Drivers, Templates);
}

/// <summary>
/// The interpretation context per tenant, kept between messages (one per host, a singleton). Never timed: a snapshot
/// is only handed out for the exact version the caller read in its own transaction (migration 0020 bumps it with
/// every change of drivers, templates or the time zone), so a driver added a moment ago is recognised by the very
/// next message. The change feed makes every host <see cref="Forget"/> a tenant's snapshot as soon as it changes.
/// </summary>
public sealed class InterpretationContextSnapshots
{
    private readonly ConcurrentDictionary<int, InterpretationContextSnapshot> byTenant = new();

    public InterpretationContextSnapshot? Find(int tenantId, long version) =>
        byTenant.TryGetValue(tenantId, out var snapshot) && snapshot.Version == version ? snapshot : null;

    /// <summary>Keeps <paramref name="snapshot"/> unless a newer one is already kept (two messages loading at once).</summary>
    public void Keep(int tenantId, InterpretationContextSnapshot snapshot) =>
        byTenant.AddOrUpdate(tenantId, snapshot, (_, kept) => kept.Version > snapshot.Version ? kept : snapshot);

    public void Forget(int tenantId) => byTenant.TryRemove(tenantId, out _);

    /// <summary>After the change feed reconnects: whatever was announced meanwhile is unknown.</summary>
    public void ForgetAll() => byTenant.Clear();

    public int Count => byTenant.Count;
}
