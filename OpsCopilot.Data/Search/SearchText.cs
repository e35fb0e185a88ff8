using System.Globalization;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Search;

/// <summary>
/// What a person typed into a console list's search box, read once: the text (an ILIKE pattern where %, _ and \ match
/// themselves), the phone number it may be, and the ticket number it may be ("12", "#12").
/// </summary>
public sealed record SearchText
{
    public const int MaxLength = 200;

    private SearchText(string text)
    {
        Text = text;
        Pattern = LikePatterns.Containing(text);
        Phone = PhoneNumbers.TryNormalize(text, out var digits) ? digits : null;
        TicketNumber = int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    public string Text { get; }

    /// <summary>"%text%" for ILIKE, the text's own wildcards escaped (<see cref="LikePatterns.Escape"/>).</summary>
    public string Pattern { get; }

    /// <summary>E.164 digits when the text is a whole phone number ("+43 664 1234567", "00436641234567").</summary>
    public string? Phone { get; }

    public int? TicketNumber { get; }

    /// <summary>Null for no search (nothing or only spaces typed); a refusal for text longer than <see cref="MaxLength"/>.</summary>
    public static SearchText? Parse(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxLength) throw OpsException.Invalid("search", $"The search text must be at most {MaxLength} characters.");
        return new SearchText(text);
    }
}
