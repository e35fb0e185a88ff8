using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Drivers;

namespace OpsCopilot.Data.Demo;

/// <summary>
/// The reference world of shared/corpus/README.md: the demo tenant and the corpus tests agree on these
/// drivers, subscriptions and templates. Idempotent: existing rows are left as they are.
/// </summary>
public static class ReferenceWorld
{
    public sealed record DemoDriver(string FullName, string Phone, bool Subscribed);

    public static readonly IReadOnlyList<DemoDriver> Drivers =
    [
        new("Max Mustermann", "436641000001", true),
        new("Anna Berger", "436641000002", true),
        new("Stefan Huber", "436641000003", true),
        new("Leyla Yilmaz", "436641000004", true),
        new("Jan Nowak", "436641000005", true),
        new("Petra Gruber", "436641000006", false),
    ];

    public static IReadOnlyList<BroadcastTemplate> Templates(int tenantId) =>
    [
        new()
        {
            TenantId = tenantId, TemplateKey = "shift_reminder", Audience = "DRIVER",
            BodyTemplate = "Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.",
            ExpectedParams = ["driver_name", "date", "time"], WaTemplateName = "shift_reminder_v1",
            Synonyms = ["Schichterinnerung", "Erinnerung Schicht", "shift reminder"], IsApproved = true, IsActive = true,
        },
        new()
        {
            TenantId = tenantId, TemplateKey = "route_change", Audience = "DRIVER",
            BodyTemplate = "Hallo {{driver_name}}, deine Route am {{date}} ist jetzt {{route}}.",
            ExpectedParams = ["driver_name", "date", "route"], WaTemplateName = "route_change_v1",
            Synonyms = ["Routenänderung", "neue Route", "route change"], IsApproved = true, IsActive = true,
        },
        new()
        {
            TenantId = tenantId, TemplateKey = "depot_closure", Audience = "DRIVER",
            BodyTemplate = "Hallo {{driver_name}}, das Depot ist am {{date}} geschlossen.",
            ExpectedParams = ["driver_name", "date"], WaTemplateName = "depot_closure_v1",
            Synonyms = ["Depotschließung", "Depot geschlossen"], IsApproved = false, IsActive = true,
        },
    ];

    public static async Task SeedAsync(OpsDbContext db, int tenantId, CancellationToken cancellationToken)
    {
        var existingPhones = await db.Drivers.IgnoreQueryFilters().Where(d => d.TenantId == tenantId)
            .Select(d => d.Phone).ToListAsync(cancellationToken);
        foreach (var demo in Drivers.Where(d => !existingPhones.Contains(d.Phone)))
        {
            var driver = new Driver { TenantId = tenantId, FullName = demo.FullName, Phone = demo.Phone };
            db.Drivers.Add(driver);
            db.BroadcastSubscriptions.Add(new BroadcastSubscription
            {
                TenantId = tenantId, DriverId = driver.Id, IsSubscribed = demo.Subscribed,
                ConsentSource = "seed-demo", ConsentAt = DateTimeOffset.UtcNow,
            });
        }

        var existingKeys = await db.BroadcastTemplates.IgnoreQueryFilters().Where(t => t.TenantId == tenantId)
            .Select(t => t.TemplateKey).ToListAsync(cancellationToken);
        db.BroadcastTemplates.AddRange(Templates(tenantId).Where(t => !existingKeys.Contains(t.TemplateKey)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
