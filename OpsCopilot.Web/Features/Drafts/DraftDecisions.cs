using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Data.Tenancy;
using OpsCopilot.Web.Features.Shared;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>
/// Confirm and cancel from the console and the REST API. Decisions of the same kind on the same draft that overlap
/// in this host share one database decision: fifty presses of Confirm cost one claim and one commit, not fifty
/// transactions queued on the draft's row lock (docs/benchmarks.md, "Confirm race"). Exactly once is still decided
/// by the claim's conditional UPDATE (<see cref="DraftService"/>) — across hosts, against the dispatcher's own
/// CONFIRM, between confirm and cancel. A caller that joined gets what the loser of that race gets: the stored
/// outcome, with <see cref="DraftDecision.DecidedNow"/> false.
/// </summary>
public sealed class DraftDecisions(IServiceScopeFactory scopes)
{
    private readonly SingleFlight<(int TenantId, Guid DraftId, bool Confirm), DraftDecision> flights = new();

    public async Task<DraftDecision> DecideAsync(int tenantId, Guid draftId, bool confirm, Guid? userId, CancellationToken cancellationToken)
    {
        var (decision, started) = await flights.RunAsync((tenantId, draftId, confirm),
            () => DecideInOwnScopeAsync(tenantId, draftId, confirm, userId), cancellationToken);
        return started ? decision : decision with { CommitResult = decision.CommitResult?.DeepClone(), DecidedNow = false, RequesterTold = null };
    }

    /// <summary>
    /// A scope of its own and no caller's cancellation: callers that joined must not lose the decision because the
    /// one who started it hung up. The database's bounded waits bound it.
    /// </summary>
    private async Task<DraftDecision> DecideInOwnScopeAsync(int tenantId, Guid draftId, bool confirm, Guid? userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenantId);
        // A failed action rolls the whole decision back (DraftService): EF's SAVEPOINT and RELEASE around each save
        // would be round trips spent while the draft's row is locked.
        scope.ServiceProvider.GetRequiredService<OpsDbContext>().Database.AutoSavepointsEnabled = false;
        var drafts = scope.ServiceProvider.GetRequiredService<DraftService>();
        return confirm
            ? await drafts.ConfirmAsync(draftId, userId, CancellationToken.None)
            : await drafts.CancelAsync(draftId, userId, CancellationToken.None);
    }
}
