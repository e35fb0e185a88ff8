namespace OpsCopilot.Data;

/// <summary>Search text as an ILIKE pattern: the user's %, _ and \ match themselves (backslash is PostgreSQL's default escape).</summary>
public static class LikePatterns
{
    /// <summary>The escape character the patterns use, for EF.Functions.ILike's escape argument.</summary>
    public const string Escape = @"\";

    /// <summary>"%text%" with the text's wildcards escaped.</summary>
    public static string Containing(string text) => "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
