using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Data.Conversations;

/// <summary>What message understanding needs to know about the tenant: its time zone, drivers and templates.</summary>
public sealed class InterpretationContextLoader(OpsDbContext db)
{
    public async Task<InterpretationContext> LoadAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        var timezone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Timezone).SingleAsync(cancellationToken);
        var drivers = await db.Drivers.AsNoTracking().Where(d => d.IsActive)
            .Select(d => new DriverRef(d.Id, d.FullName)).ToListAsync(cancellationToken);
        var templates = (await db.BroadcastTemplates.AsNoTracking().ToListAsync(cancellationToken))
            .Select(t => new TemplateRef(t.TemplateKey, t.ExpectedParams, t.Synonyms)).ToList();
        return new InterpretationContext(timezone, receivedAt, drivers, templates);
    }
}
