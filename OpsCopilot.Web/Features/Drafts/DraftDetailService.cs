using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Drafts;

namespace OpsCopilot.Web.Features.Drafts;

/// <summary>Everything the draft detail page shows, read in one scope.</summary>
public sealed record DraftDetail(Draft Draft, DraftEvidence Evidence, bool IsStuck, string? CreatedBy, string? ConfirmedBy);

public sealed class DraftDetailService(DraftQueries queries, DraftRecoveryService recovery, OpsDbContext db)
{
    public async Task<DraftDetail> GetAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var draft = await queries.GetAsync(draftId, cancellationToken);
        var evidence = await recovery.GetEvidenceAsync(draftId, cancellationToken);
        var userIds = new[] { draft.CreatedBy, draft.ConfirmedBy }.OfType<Guid>().Distinct().ToList();
        var tenantId = db.Tenant.Required;
        var names = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id.ToString(), cancellationToken);
        return new DraftDetail(draft, evidence, recovery.IsStuck(draft), NameOf(draft.CreatedBy), NameOf(draft.ConfirmedBy));

        string? NameOf(Guid? id) => id is { } known ? names.GetValueOrDefault(known, known.ToString()) : null;
    }
}
