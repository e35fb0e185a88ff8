using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Finds Austrian/German licence plates ("W-1234", "WN 482 AB", "GU-77XY", "S-AB 1234") and normalises them
/// to "DISTRICT-REST" without spaces. Plates written with spaces must be upper case and carry at least three
/// characters after the district, so "KW 12", "UM 6" or "A 1" in ordinary text are not taken for plates;
/// a plate written without any separator ("W1234") only counts right after a vehicle word ("LKW W1234").
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
        if (NotDistricts.Contains(district))
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

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}#/.\-])(?<district>\p{Lu}{1,3})(?<num>\d{2,5})(?<suffix>\p{Lu}{0,3})(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex GluedPlate();
}
