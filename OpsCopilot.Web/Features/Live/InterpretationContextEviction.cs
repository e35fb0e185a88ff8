using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Web.Features.Live;

/// <summary>
/// Drops a tenant's interpretation context snapshot when the change feed announces that its drivers, templates or
/// time zone changed (migration 0020), on every host; a resync after a lost connection drops them all. Correctness
/// does not hang on this (a snapshot is only used for the version the message's own transaction read): it keeps a
/// host from holding stale snapshots and makes the next message load the new context.
/// </summary>
public sealed class InterpretationContextEviction(OpsChangeFeed feed, InterpretationContextSnapshots snapshots) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(OpsChange change)
    {
        if (change.IsResync) snapshots.ForgetAll();
        else if (change.Entity == OpsChange.InterpretationContext && change.TenantId is { } tenantId) snapshots.Forget(tenantId);
    }
}
