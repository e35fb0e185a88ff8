using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Finds Austrian/German licence plates ("W-1234", "WN 482 AB", "GU-77XY", "S-AB 1234") and normalises them
/// to "DISTRICT-REST" without spaces. Plates written with spaces must be upper case and carry at least three
/// characters after the district, so "KW 12", "UM 6" or "A 1" in ordinary text are not taken for plates;
/// a plate written without any separator ("W1234") only counts right after a vehicle word ("LKW W1234").
/// Typed on a phone, plates lose their case and hyphen ("w 2245 xb", "lkw w 2231", "gu-8812 xz"): such a plate
/// counts when it opens with an Austrian district code (<see cref="AustrianDistricts"/>), has at least three characters
/// after it, and is not a quantity ("g 500 kg").
/// </summary>
public static partial class PlateRecognizer
{
    private const int MinSpacedRestLength = 3;
    private const int MaxRoadNumberDigits = 3;

    // Abbreviations that look like a district followed by a number ("KW 12", "Nr 5", "LKW 3").
    private static readonly HashSet<string> NotDistricts = new(StringComparer.OrdinalIgnoreCase)
    {
        "LKW", "PKW", "KFZ", "NR", "KW", "CW", "TEL", "ID", "PLZ", "CA", "NO", "TOP", "BUS", "VAN", "UM", "UHR",
        "AM", "PM", "AB", "AN", "BIS", "VON", "IM", "IN", "ZU", "MIN", "STD", "KM", "EUR", "ST", "TO", "AT", "ON",
        "OF", "FOR", "DR", "MR", "MS", "HR", "FR", "PIN", "OTP", "MIT", "BEI", "DIE", "DER", "DAS", "DEN", "UND",
        "THE", "AND", "TAG", "NUM", "KG",
    };

    // Upper-case words that can follow a plate in a shouted message ("W-1234 HAT BREMSENPROBLEM"). Two-letter
    // words are left out on purpose: "AB", "AM" or "IN" are ordinary plate endings ("S 123 AB").
    private static readonly HashSet<string> NotPlateSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "HAT", "IST", "UND", "AND", "THE", "HAS", "BEI", "MIT", "VON", "AUF", "DIE", "DER", "DAS", "SIE", "WIR",
        "ICH", "NOT", "WAR", "UHR", "BIS", "WAS", "HAD", "GOT", "FOR", "ALS", "AUS", "NUR", "BUT", "ARE",
    };

    // Road names that look like short plates: "auf der A1", "on the S 6".
    private static readonly HashSet<string> RoadLetters = new(StringComparer.OrdinalIgnoreCase) { "A", "B", "E", "L", "S" };

    private static readonly WordList RoadContextWords = WordList.Of(
        "=auf", "=der", "=die", "=the", "=on", "=via", "=über", "=nach", "=autobahn", "=motorway", "=highway",
        "=schnellstraße", "=bundesstraße", "=richtung", "=abfahrt", "=exit");

    public static PlateMatch? FindFirst(string text)
    {
        var plates = FindAll(text);
        return plates.Count > 0 ? plates[0] : null;
    }

    public static IReadOnlyList<PlateMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<PlateMatch>();
        AddCandidates(candidates, text, HyphenatedPlate(), requiresVehicleWordBefore: false, minRestLength: 1);
        AddCandidates(candidates, text, SpacedPlate(), requiresVehicleWordBefore: false, minRestLength: MinSpacedRestLength);
        AddCandidates(candidates, text, GluedPlate(), requiresVehicleWordBefore: true, minRestLength: MinSpacedRestLength);
        foreach (Match match in TypedPlate().Matches(text))
        {
            if (ToTypedPlate(text, match) is { } plate)
            {
                candidates.Add(plate);
            }
        }

        var accepted = new List<PlateMatch>();
        foreach (var candidate in candidates.OrderBy(c => c.Start).ThenByDescending(c => c.End))
        {
            if (accepted.Count == 0 || accepted[^1].End <= candidate.Start)
            {
                accepted.Add(candidate);
            }
        }

        return accepted;
    }

    private static void AddCandidates(
        List<PlateMatch> candidates, string text, Regex pattern, bool requiresVehicleWordBefore, int minRestLength)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var plate = ToPlate(text, match, requiresVehicleWordBefore, minRestLength);
            if (plate is not null)
            {
                candidates.Add(plate);
            }
        }
    }

    private static PlateMatch? ToPlate(string text, Match match, bool requiresVehicleWordBefore, int minRestLength)
    {
        var district = match.Groups["district"].Value;
        if (NotDistricts.Contains(district) || IsMinusSign(match.Value, district.Length))
        {
            return null;
        }

        var letters = match.Groups["letters"].Value;
        var digits = match.Groups["num"].Value;
        var suffix = match.Groups["suffix"].Value;
        var end = match.Index + match.Length;
        var spaced = match.Groups["spaced"];
        if (spaced.Success && NotPlateSuffixes.Contains(spaced.Value))
        {
            // Keep the plate, drop the word that only happened to be upper case.
            end = spaced.Index - 1;
        }
        else if (spaced.Success)
        {
            suffix = spaced.Value;
        }

        if (letters.Length + digits.Length + suffix.Length < minRestLength)
        {
            return null;
        }

        var wordBefore = WordBefore(text, match.Index);
        if (requiresVehicleWordBefore && (wordBefore is null || !ProblemVocabulary.IsVehicleWord(TextFolding.Fold(wordBefore))))
        {
            return null;
        }

        if (LooksLikeRoad(district, letters, digits, suffix, wordBefore))
        {
            return null;
        }

        var rest = (letters + digits + suffix).ToUpperInvariant();
        return new PlateMatch($"{district.ToUpperInvariant()}-{rest}", match.Index, end);
    }

    // Short words that follow a typed plate without being part of it ("w 2245 hat", "gu 12 an der Rampe").
    private static readonly HashSet<string> NotTypedSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "am", "im", "in", "an", "um", "zu", "is", "it", "at", "on", "to", "of", "da", "du", "er", "es", "so", "ja", "no",
        "ok", "und", "hat", "ist", "bei", "mit", "von", "auf", "die", "der", "das", "den", "dem", "sie", "wir", "ich",
        "not", "war", "uhr", "bis", "was", "had", "got", "for", "als", "aus", "nur", "but", "are", "the", "and", "has",
        "h", "kg", "km", "t", "l", "m", "x", "st", "nr", "or", "oder", "vom", "zum", "zur", "hot", "tut", "tat", "geht",
        "fur", "für", "im", "ein", "vor", "nach", "mal", "is", "hab", "isn", "won", "can", "cant", "ned", "net", "nit",
        "eh", "oh", "wo", "wie", "grad", "gibt",
    };

    // A number followed by one of these is a quantity or a time, not a plate ("l 500 liter", "w 1234 kg").
    private static readonly WordList UnitWords = WordList.Of(
        "=uhr", "=h", "=kg", "=km", "=t", "=to", "=tonnen", "=l", "=liter", "=grad", "=stk", "=stück", "=paletten",
        "=pal", "=euro", "=eur", "=min", "=minuten", "=std", "=stunden", "=tage", "=tagen", "=mal", "=x", "=meter",
        "=m", "=cm", "=bar", "=prozent", "=percent", "=pieces", "=pallets", "=hours", "=days", "=kilometer");

    private static PlateMatch? ToTypedPlate(string text, Match match)
    {
        var district = match.Groups["district"].Value;
        if (!AustrianDistricts.IsDistrict(district) || IsMinusSign(match.Value, district.Length))
        {
            return null;
        }

        var digits = match.Groups["num"].Value;
        var suffix = match.Groups["suffix"];
        var end = match.Index + match.Length;
        var letters = suffix.Success ? suffix.Value : string.Empty;
        if (suffix.Success && (NotTypedSuffixes.Contains(letters) || (letters.Length == 3 && !letters.All(char.IsUpper))))
        {
            // "w 2245 hat Platten": keep the plate, drop the word that only happened to follow it.
            letters = string.Empty;
            end = match.Groups["num"].Index + digits.Length;
        }

        var wordBefore = WordBefore(text, match.Index);
        var afterVehicleWord = wordBefore is not null && ProblemVocabulary.IsVehicleWord(TextFolding.Fold(wordBefore));
        var glued = match.Groups["gap"].Length == 0 && !match.Value.Contains('-', StringComparison.Ordinal);
        if (digits.Length + letters.Length < MinSpacedRestLength
            || ((AustrianDistricts.IsEverydayWord(district) || NotDistricts.Contains(district)) && !afterVehicleWord)
            || (glued && letters.Length == 0 && !afterVehicleWord)
            || (letters.Length == 0 && UnitWords.Contains(TextFolding.Fold(WordAfter(text, end) ?? string.Empty)))
            || LooksLikeRoad(district, string.Empty, digits, letters, wordBefore))
        {
            return null;
        }

        return new PlateMatch($"{district.ToUpperInvariant()}-{digits}{letters.ToUpperInvariant()}", match.Index, end);
    }

    /// <summary>"nur -11°": a hyphen after a space but glued to the number is a minus sign, not a plate's hyphen.</summary>
    private static bool IsMinusSign(string match, int districtLength)
    {
        var rest = match[districtLength..];
        var hyphen = rest.IndexOf('-', StringComparison.Ordinal);
        return hyphen > 0 && rest[..hyphen].All(c => c == ' ') && hyphen + 1 < rest.Length && char.IsDigit(rest[hyphen + 1]);
    }

    private static string? WordAfter(string text, int index)
    {
        var start = index;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && char.IsLetterOrDigit(text[end]))
        {
            end++;
        }

        return end == start ? null : text[start..end];
    }

    private static bool LooksLikeRoad(string district, string letters, string digits, string suffix, string? wordBefore) =>
        RoadLetters.Contains(district)
        && letters.Length == 0 && suffix.Length == 0
        && digits.Length <= MaxRoadNumberDigits
        && wordBefore is not null
        && RoadContextWords.Contains(TextFolding.Fold(wordBefore));

    private static string? WordBefore(string text, int index)
    {
        var end = index;
        while (end > 0 && !char.IsLetterOrDigit(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        return start == end ? null : text[start..end];
    }

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}#/.\-])(?<district>\p{L}{1,3})[ ]?-[ ]?(?:(?<num>\d{1,5})(?:(?<suffix>\p{L}{1,3})|[ ](?<spaced>\p{Lu}{1,3}))?|(?<letters>\p{Lu}{1,3})[ ]?(?<num>\d{1,4})(?<suffix>\p{Lu})?)(?![\p{L}\p{N}])(?![.:,]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex HyphenatedPlate();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}#/.\-])(?<district>\p{Lu}{1,3})[ ](?<num>\d{1,5})(?:(?<suffix>\p{Lu}{1,3})|[ ](?<spaced>\p{Lu}{1,3}))?(?![\p{L}\p{N}])(?![.:,]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex SpacedPlate();

    // Any case, hyphen or not, suffix glued or spaced: "w 2245 xb", "gu-8812 xz", "w2245xb".
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}#/.\-])(?<district>\p{L}{1,2})(?<gap>[ ]{0,3}-[ ]{0,3}|[ ]{1,3})?(?<num>\d{1,5})(?:[ ]{0,3}(?<suffix>\p{L}{1,3}))?(?![\p{L}\p{N}])(?![.:,]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex TypedPlate();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}#/.\-])(?<district>\p{Lu}{1,3})(?<num>\d{2,5})(?<suffix>\p{Lu}{0,3})(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex GluedPlate();
}
