using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.Simulator;

/// <summary>A number the simulator offers as a quick pick.</summary>
/// <param name="Phone">E.164 digits.</param>
/// <param name="Kind">"Paired phone" or "Driver".</param>
public sealed record SimulatorContact(string Phone, string Name, string Kind)
{
    /// <summary>As the quick pick shows it once chosen: masked like every list's numbers, the name beside it.</summary>
    public string Label => $"{Name} · +{PhoneNumbers.Mask(Phone)} ({Kind})";
}

/// <summary>
/// The tenant's own numbers for the simulator (paired phones and drivers, under row-level security), and the
/// rule that keeps it inside the tenant: the webhook picks the tenant from the number, so a number that
/// belongs to another tenant would act there.
/// </summary>
public sealed class SimulatorContacts(OpsDbContext db)
{
    public const string PairedKind = "Paired phone";
    public const string DriverKind = "Driver";

    public async Task<IReadOnlyList<SimulatorContact>> FindAsync(string? search, int take, CancellationToken cancellationToken)
    {
        var text = search?.Trim() ?? "";
        var pattern = LikePatterns.Containing(text);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var phonePattern = digits.Length > 0 ? "%" + digits + "%" : pattern;

        var identities =
            from identity in db.Identities.AsNoTracking()
            join user in db.Users on identity.UserId equals user.Id
            where identity.Status == IdentityStatus.Active
            select new { identity.WaUserId, Email = user.Email ?? "", identity.PairedAt };
        if (text.Length > 0)
            identities = identities.Where(i => EF.Functions.ILike(i.Email, pattern) || EF.Functions.ILike(i.WaUserId, phonePattern));
        var paired = await identities.OrderByDescending(i => i.PairedAt).Take(take).ToListAsync(cancellationToken);

        var drivers = db.Drivers.AsNoTracking().Where(d => d.IsActive);
        if (text.Length > 0)
            drivers = drivers.Where(d => EF.Functions.ILike(d.FullName, pattern) || EF.Functions.ILike(d.Phone, phonePattern));
        var driverRows = await drivers.OrderBy(d => d.FullName).ThenBy(d => d.Id).Take(take)
            .Select(d => new { d.Phone, d.FullName }).ToListAsync(cancellationToken);

        var candidates = paired.Select(p => new SimulatorContact(p.WaUserId, p.Email, PairedKind))
            .Concat(driverRows.Select(d => new SimulatorContact(d.Phone, d.FullName, DriverKind)))
            .ToList();
        // Offer only what the simulator would speak as: a driver who also drives for another tenant is refused (a
        // message from that number would act there too), so it is not offered either. One rule, RefusalAsync's.
        var tenantId = db.Tenant.Required;
        var offered = new List<SimulatorContact>(candidates.Count);
        foreach (var contact in candidates)
            if (await RefusalAsync(contact.Phone, tenantId, cancellationToken) is null) offered.Add(contact);
        return offered;
    }

    /// <summary>
    /// Why the simulator must not speak as <paramref name="phone"/> for <paramref name="tenantId"/>, or null when it
    /// may. Only the tenant's own numbers (paired phones, drivers) and its simulator numbers qualify, and only while
    /// they act nowhere else (ops.simulator_may_speak_as): the answer for any other number is the same whatever
    /// other tenants hold, so the simulator tells nothing about them.
    /// </summary>
    public async Task<string?> RefusalAsync(string phone, int tenantId, CancellationToken cancellationToken)
    {
        var allowed = (await db.Database.SqlQuery<bool>($"""
            SELECT ops.simulator_may_speak_as({phone}::text) AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        return allowed
            ? null
            : $"The simulator speaks only as this tenant's paired phones and drivers, or as a simulator number such as " +
              $"+{SimulatorNumbers.For(tenantId, 1)} (+{SimulatorNumbers.Prefix(tenantId)} and any three to six digits). +{phone} is not one of them.";
    }

    /// <summary>"+43 664 1234567", "whatsapp:+43…", "0043…" → digits; null with the reason otherwise.</summary>
    public static string? Normalize(string? input, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = "Enter the phone number to send from, with its country code (e.g. +43 664 1234567).";
            return null;
        }
        if (PhoneNumbers.TryNormalize(input, out var digits)) return digits;
        problem = input.Trim().StartsWith('0') && !input.Trim().StartsWith("00", StringComparison.Ordinal)
            ? "Add the country code: a number starting with a single 0 is national and ambiguous (write +43 664 1234567, not 0664 1234567)."
            : $"Enter an international number: '+' or 00, country code, then {PhoneNumbers.MinDigits} to {PhoneNumbers.MaxDigits} digits in all; spaces, dashes, dots and brackets are fine, letters are not.";
        return null;
    }

    /// <summary>
    /// The names lists show beside the tenant's numbers (a paired user's display name or email, else a driver's name),
    /// for the numbers given; numbers of nobody in the tenant are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> phones, CancellationToken cancellationToken)
    {
        var wanted = phones.Distinct(StringComparer.Ordinal).ToList();
        var users = await (
            from identity in db.Identities.AsNoTracking()
            join user in db.Users on identity.UserId equals user.Id
            where identity.Status == IdentityStatus.Active && wanted.Contains(identity.WaUserId)
            select new { identity.WaUserId, Name = user.DisplayName ?? user.Email ?? "" }).ToListAsync(cancellationToken);
        var drivers = await db.Drivers.AsNoTracking().Where(d => wanted.Contains(d.Phone))
            .Select(d => new { d.Phone, d.FullName }).ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var driver in drivers) names.TryAdd(driver.Phone, driver.FullName);
        // A phone paired to a console user is named after the user.
        foreach (var user in users) names[user.WaUserId] = user.Name;
        return names;
    }
}
