using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>Everything the draft detail page shows, read in one scope.</summary>
public sealed record DraftDetail(DraftCard Card, DraftEvidence Evidence, bool IsStuck, string? ConfirmedBy)
{
    public Draft Draft => Card.Draft;
}

public sealed class DraftDetailService(DraftQueries queries, DraftRecoveryService recovery, DraftCards cards, OpsDbContext db)
{
    public async Task<DraftDetail> GetAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await queries.GetAsync(draftId, cancellationToken);
        var evidence = await recovery.GetEvidenceAsync(draftId, cancellationToken);
        var card = (await cards.DescribeAsync([draft], cancellationToken))[0];
        string? decider = null;
        if (draft.ConfirmedBy is { } deciderId)
        {
            var tenantId = db.Tenant.Required;
            decider = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.Id == deciderId)
                .Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken) ?? deciderId.ToString();
        }
        return new DraftDetail(card, evidence, recovery.IsStuck(draft), decider);
    }
}
