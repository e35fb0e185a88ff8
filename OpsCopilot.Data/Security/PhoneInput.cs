extern alias LibPhoneNumber;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Numbering = LibPhoneNumber::PhoneNumbers;

namespace OpsCopilot.Data.Security;

/// <summary>
/// The one rule for a phone number a person types (driver form, CSV import, API): every international form
/// <see cref="PhoneNumbers.TryNormalize"/> accepts, and the national form of the tenant's country — with locale
/// de-AT, "0664 7771234" is +43 664 7771234, exactly as if it had been written so. Numbers that arrive from WhatsApp
/// are always international and keep using <see cref="PhoneNumbers.TryNormalize"/> alone.
/// </summary>
/// <remarks>
/// What counts as national, and how the trunk prefix goes (Austria and Germany drop the 0, Italy keeps it), comes
/// from Google's numbering metadata (libphonenumber), not from a table kept here.
/// </remarks>
public static class PhoneInput
{
    private static readonly Numbering.PhoneNumberUtil Numbers = Numbering.PhoneNumberUtil.GetInstance();

    /// <summary>E.164 digits (no '+') for an international number, or a national one of <paramref name="locale"/>'s country.</summary>
    public static bool TryNormalize(string? raw, string? locale, out string e164Digits)
    {
        if (PhoneNumbers.TryNormalize(raw, out e164Digits)) return true;
        e164Digits = string.Empty;
        if (raw is null || RegionOf(locale) is not { } region || !IsNationalForm(raw.Trim(), region)) return false;
        try
        {
            var number = Numbers.Parse(raw, region);
            return Numbers.IsPossibleNumber(number)
                   && PhoneNumbers.TryNormalize(Numbers.Format(number, Numbering.PhoneNumberFormat.E164), out e164Digits);
        }
        catch (Numbering.NumberParseException)
        {
            return false;
        }
    }

    /// <summary>How to write a number, for a form's hint and its error: "+43 664 123456, or 0664 123456 as dialled in Austria".</summary>
    public static string Example(string? locale)
    {
        var region = RegionOf(locale);
        var example = region is null ? null : Numbers.GetExampleNumberForType(region, Numbering.PhoneNumberType.MOBILE);
        if (region is null || example is null) return "+43 664 1234567";
        return $"{Numbers.Format(example, Numbering.PhoneNumberFormat.INTERNATIONAL)}, or {Numbers.Format(example, Numbering.PhoneNumberFormat.NATIONAL)} as dialled in {CountryName(region)}";
    }

    /// <summary>
    /// A search term written like a national number ("0664 777") as the digits stored for it ("43664777"); any other
    /// term comes back as its digits. Numbers are stored as E.164 digits, so a search for the national form finds them.
    /// </summary>
    public static string SearchDigits(string term, string? locale)
    {
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        var trimmed = term.Trim();
        if (RegionOf(locale) is not { } region || !IsNationalForm(trimmed, region)) return digits;
        try
        {
            var number = Numbers.Parse(trimmed, region);
            return number.CountryCode.ToString(CultureInfo.InvariantCulture) + Numbers.GetNationalSignificantNumber(number);
        }
        catch (Numbering.NumberParseException)
        {
            return digits;
        }
    }

    /// <summary>"de-AT" → "AT", when libphonenumber knows that region; a locale without a country has no national form.</summary>
    public static string? RegionOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var parts = locale.Trim().Split('-', '_');
        var region = parts.Length > 1 ? parts[^1].ToUpperInvariant() : "";
        return region.Length == 2 && Numbers.GetSupportedRegions().Contains(region) ? region : null;
    }

    /// <summary>Digits and separators only, beginning with the country's trunk prefix (0 in Austria) but not the "00" of a call abroad.</summary>
    private static bool IsNationalForm(string text, string region)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.' or '/')) return false;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var prefix = Numbers.GetNddPrefixForRegion(region, true);
        return !string.IsNullOrEmpty(prefix) && digits.StartsWith(prefix, StringComparison.Ordinal) && !digits.StartsWith("00", StringComparison.Ordinal);
    }

    private static string CountryName(string region)
    {
        try
        {
            return new RegionInfo(region).EnglishName;
        }
        catch (ArgumentException)
        {
            return region;
        }
    }

    /// <summary>The locale of the current tenant, whose country national numbers belong to.</summary>
    public static async Task<string?> TenantLocaleAsync(this OpsDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.Required;
        return await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Locale).SingleOrDefaultAsync(cancellationToken);
    }
}
