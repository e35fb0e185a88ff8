using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Drivers;

public sealed record DriverRow(Guid Id, string FullName, string Phone, bool IsActive, bool IsSubscribed, string? ConsentSource, DateTimeOffset? ConsentAt);

public sealed class DriverService(OpsDbContext db)
{
    public async Task<Page<DriverRow>> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Filter and order on the entities, project last: EF cannot translate members of a constructed record.
        var query =
            from driver in db.Drivers.AsNoTracking()
            join subscription in db.BroadcastSubscriptions on driver.Id equals subscription.DriverId into subscriptions
            from subscription in subscriptions.DefaultIfEmpty()
            select new { driver, subscription };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePatterns.Containing(search.Trim());
            // Numbers are stored as digits: a search written like a number ("+43 664 100", or nationally "0664 100")
            // looks for its digits.
            var looksLikeNumber = search.Any(char.IsAsciiDigit) && search.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '/' or '.');
            var phonePattern = looksLikeNumber
                ? "%" + PhoneInput.SearchDigits(search, await db.TenantLocaleAsync(cancellationToken)) + "%"
                : pattern;
            query = query.Where(d => EF.Functions.ILike(d.driver.FullName, pattern) || EF.Functions.ILike(d.driver.Phone, phonePattern));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.driver.FullName).ThenBy(d => d.driver.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new DriverRow(d.driver.Id, d.driver.FullName, d.driver.Phone, d.driver.IsActive,
                d.subscription != null && d.subscription.IsSubscribed, d.subscription != null ? d.subscription.ConsentSource : null,
                d.subscription != null ? d.subscription.ConsentAt : null))
            .ToListAsync(cancellationToken);
        return new Page<DriverRow>(items, total, page, pageSize);
    }

    public async Task<Driver> CreateAsync(string fullName, string phone, bool subscribed, string consentSource, Guid? by, CancellationToken cancellationToken)
    {
        var (name, digits) = Validate(fullName, phone, await db.TenantLocaleAsync(cancellationToken));
        consentSource = ValidateSource(consentSource);
        if (await db.Drivers.AnyAsync(d => d.Phone == digits, cancellationToken))
            throw OpsException.Conflict($"A driver with phone {PhoneNumbers.Mask(digits)} already exists.");
        var driver = new Driver { TenantId = db.Tenant.Required, FullName = name, Phone = digits };
        db.Drivers.Add(driver);
        db.BroadcastSubscriptions.Add(new BroadcastSubscription
        {
            TenantId = driver.TenantId, DriverId = driver.Id, IsSubscribed = subscribed, ConsentSource = consentSource, ConsentAt = DateTimeOffset.UtcNow,
        });
        db.Record(EventTypes.DriverChanged, new { driver_id = driver.Id, change = "created", by });
        db.Record(EventTypes.SubscriptionChanged, new { driver_id = driver.Id, subscribed, source = consentSource, by });
        await db.SaveChangesAsync(cancellationToken);
        return driver;
    }

    public async Task<Driver> UpdateAsync(Guid id, string fullName, string phone, bool isActive, Guid? by, CancellationToken cancellationToken)
    {
        var (name, digits) = Validate(fullName, phone, await db.TenantLocaleAsync(cancellationToken));
        var driver = await db.Drivers.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw OpsException.NotFound("Driver");
        if (digits != driver.Phone && await db.Drivers.AnyAsync(d => d.Phone == digits && d.Id != id, cancellationToken))
            throw OpsException.Conflict($"A driver with phone {PhoneNumbers.Mask(digits)} already exists.");
        driver.FullName = name;
        driver.Phone = digits;
        driver.IsActive = isActive;
        driver.UpdatedAt = DateTimeOffset.UtcNow;
        db.Record(EventTypes.DriverChanged, new { driver_id = id, change = "updated", is_active = isActive, by });
        await db.SaveChangesAsync(cancellationToken);
        return driver;
    }

    /// <summary>Consent changes are audited with where they came from (console, csv_import, whatsapp_stop, …).</summary>
    public async Task SetSubscriptionAsync(Guid driverId, bool subscribed, string source, Guid? by, CancellationToken cancellationToken)
    {
        source = ValidateSource(source);
        if (!await db.Drivers.AnyAsync(d => d.Id == driverId, cancellationToken)) throw OpsException.NotFound("Driver");
        var subscription = await db.BroadcastSubscriptions.SingleOrDefaultAsync(s => s.DriverId == driverId, cancellationToken);
        if (subscription is null)
        {
            subscription = new BroadcastSubscription { TenantId = db.Tenant.Required, DriverId = driverId };
            db.BroadcastSubscriptions.Add(subscription);
        }
        else if (subscription.IsSubscribed == subscribed)
        {
            return;
        }
        subscription.IsSubscribed = subscribed;
        subscription.ConsentSource = source;
        subscription.ConsentAt = DateTimeOffset.UtcNow;
        subscription.UpdatedAt = DateTimeOffset.UtcNow;
        db.Record(EventTypes.SubscriptionChanged, new { driver_id = driverId, subscribed, source = subscription.ConsentSource, by });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string ValidateSource(string source)
    {
        source = (source ?? "").Trim();
        if (source.Length is 0 or > 40) throw OpsException.Invalid("source", "source must be 1 to 40 characters.");
        return source;
    }

    /// <summary>A number may be typed nationally (0664 7771234): the tenant's locale says which country it is in.</summary>
    private static (string Name, string Digits) Validate(string fullName, string phone, string? locale)
    {
        var name = (fullName ?? "").Trim();
        if (name.Length is 0 or > 200) throw OpsException.Invalid("full_name", "full_name must be 1 to 200 characters.");
        if (!PhoneInput.TryNormalize(phone, locale, out var digits))
            throw OpsException.Invalid("phone", $"phone must be a phone number with its country code or as dialled in the tenant's country, e.g. {PhoneInput.Example(locale)}.");
        return (name, digits);
    }
}
