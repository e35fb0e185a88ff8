namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The district codes that open an Austrian licence plate ("W", "WN", "GU", "L", "SL" …), including the old codes
/// still on the road and the official series (BH, BP …). A plate written in lower case or with spaces ("w 2245 xb",
/// "gu 8812 xz") is only believed when it starts with one of these: the code list is what separates it from
/// "um 6" or "in 3 Tagen".
/// </summary>
public static class AustrianDistricts
{
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        // Vienna, Burgenland
        "W", "E", "EU", "GS", "JE", "MA", "ND", "OP", "OW", "RU",
        // Carinthia
        "K", "KL", "FE", "HE", "SP", "SV", "VI", "VL", "VK", "WO",
        // Lower Austria
        "P", "PL", "AM", "BL", "BN", "GD", "GF", "HL", "HO", "KO", "KR", "KS", "LF", "MD", "ME", "MI", "NK", "SB", "TU",
        "WB", "WN", "WT", "WY", "ZT", "MO", "WU",
        // Upper Austria
        "L", "LL", "BR", "EF", "FR", "GM", "GR", "KI", "PE", "RI", "RO", "SD", "SE", "SR", "UU", "VB", "WE", "WL",
        // Salzburg
        "S", "SL", "HA", "JO", "TA", "ZE",
        // Styria
        "G", "GU", "BM", "DL", "HF", "LB", "LE", "LI", "LN", "MT", "MU", "SO", "VO", "WZ", "BA", "GB", "FF", "MZ", "RA",
        "KF", "JU", "FB", "FL", "BK",
        // Tyrol
        "I", "IL", "IM", "KB", "KU", "LA", "LZ", "RE", "SZ",
        // Vorarlberg
        "B", "BZ", "DO", "FK",
        // Official series
        "BD", "BH", "BP", "FW", "JW", "ZW", "PO", "A",
    };

    // Codes that are also everyday words when typed in lower case ("so", "am", "do", "mi" for Mittwoch): written
    // that way they open a plate only after a vehicle word.
    private static readonly HashSet<string> LowerCaseWords = new(StringComparer.Ordinal)
    {
        "am", "im", "so", "ma", "wo", "la", "re", "ho", "mi", "do", "fr", "eu", "me", "a", "e", "i", "mo", "fl", "ba",
        "ru", "ja", "po",
    };

    public static bool IsDistrict(string code) => Codes.Contains(code ?? throw new ArgumentNullException(nameof(code)));

    /// <summary>The code as typed could be an ordinary word (lower-case "so", "am", "mi").</summary>
    public static bool IsEverydayWord(string typedCode) =>
        LowerCaseWords.Contains(typedCode ?? throw new ArgumentNullException(nameof(typedCode)));
}
