namespace OpsCopilot.Data.Security;

/// <summary>WhatsApp sender ids to E.164 digits (no '+'), and masking for logs.</summary>
public static class PhoneNumbers
{
    public const int MinDigits = 8;
    public const int MaxDigits = 15;

    private const string WhatsAppPrefix = "whatsapp:";
    private const string InternationalCallPrefix = "00";
    private const int VisibleLeadingDigits = 3;
    private const int VisibleTrailingDigits = 2;

    /// <summary>
    /// Accepts "whatsapp:436641234567", "whatsapp:+43 664 1234567", "+43 (664) 123-4567",
    /// "00436641234567" and "436641234567"; anything with letters or other symbols is refused.
    /// National numbers ("0664 …") are refused too: without a country code they are ambiguous.
    /// </summary>
    public static bool TryNormalize(string? raw, out string e164Digits)
    {
        e164Digits = string.Empty;
        if (raw is null)
        {
            return false;
        }

        var text = raw.AsSpan().Trim();
        if (text.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[WhatsAppPrefix.Length..].TrimStart();
        }

        var hasPlus = text.StartsWith('+');
        if (hasPlus)
        {
            text = text[1..];
        }

        // Room for the "00" prefix on top of the longest valid number.
        Span<char> digits = stackalloc char[MaxDigits + InternationalCallPrefix.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (!IsSeparator(c))
            {
                return false;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        if (!hasPlus && number.StartsWith(InternationalCallPrefix))
        {
            number = number[InternationalCallPrefix.Length..];
        }

        if (number.Length is < MinDigits or > MaxDigits || number[0] == '0')
        {
            return false;
        }

        e164Digits = number.ToString();
        return true;
    }

    /// <summary>
    /// "436641234567" → "436*******67": country code and last two digits stay readable for
    /// support, never more than five digits in all. Non-digits are dropped; numbers too short
    /// to hide at least three digits come back fully masked.
    /// </summary>
    public static string Mask(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);

        var only = new string(digits.Where(char.IsAsciiDigit).ToArray());
        if (only.Length < MinDigits)
        {
            return new string('*', only.Length);
        }

        return string.Concat(
            only.AsSpan(0, VisibleLeadingDigits),
            new string('*', only.Length - VisibleLeadingDigits - VisibleTrailingDigits),
            only.AsSpan(only.Length - VisibleTrailingDigits));
    }

    private static bool IsSeparator(char c) =>
        c is '-' or '(' or ')' or '.' or '/' || char.IsWhiteSpace(c);
}
