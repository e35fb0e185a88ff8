using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.SystemStatus;

public sealed class SystemStatusService(OpsDbContext db)
{
    public Task<IReadOnlyList<IntegrityRow>> RunIntegrityCheckAsync(CancellationToken cancellationToken) =>
        IntegrityCheck.RunAsync(db, cancellationToken);
}
