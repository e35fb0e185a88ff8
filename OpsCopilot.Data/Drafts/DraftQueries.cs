using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data.Drafts;


public sealed class DraftQueries(OpsDbContext db)
{
    public async Task<Page<Draft>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Drafts.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            if (!DraftStatus.All.Contains(status)) throw OpsException.Invalid("status", $"status must be one of {string.Join(", ", DraftStatus.All)}.");
            query = query.Where(d => d.Status == status);
        }
        return await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToPageAsync(page, pageSize, cancellationToken);
    }

    public async Task<Draft> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw OpsException.NotFound("Draft");
}
