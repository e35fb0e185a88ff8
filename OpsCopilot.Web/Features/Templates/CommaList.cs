namespace OpsCopilot.Web.Features.Templates;

/// <summary>Lists typed as "date, time": trimmed, empty entries dropped, order kept.</summary>
public static class CommaList
{
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> items) => string.Join(", ", items);
}
