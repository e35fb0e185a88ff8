namespace OpsCopilot.Data;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>Lists always page on the server; a client cannot ask for everything at once.</summary>
    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        if (page is < 1) throw OpsException.Invalid("page", "page starts at 1.");
        if (pageSize is < 1 or > MaxPageSize) throw OpsException.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return (page ?? 1, pageSize ?? 25);
    }
}
