using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data;

public sealed record IntegrityRow(string CheckName, string Status, string Detail)
{
    public bool Passed => Status == "PASS";
}

public static class IntegrityCheck
{
    public static async Task<IReadOnlyList<IntegrityRow>> RunAsync(OpsDbContext db, CancellationToken cancellationToken)
    {
        return await db.Database
            .SqlQueryRaw<IntegrityRow>("SELECT check_name AS \"CheckName\", status AS \"Status\", detail AS \"Detail\" FROM ops.verify_ops_copilot_integrity()")
            .ToListAsync(cancellationToken);
    }
}
