namespace OpsCopilot.Data;

/// <summary>One page of a list: the items, how many match in all, and which page of what size this is.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The one paging rule of every list: page from 1 (default 1), page_size from 1 to <see cref="MaxPageSize"/>
    /// (default <see cref="DefaultPageSize"/>). Lists always page on the server; a client cannot ask for everything at once.
    /// </summary>
    public static (int Page, int PageSize) Normalize(int? page, int? pageSize)
    {
        if (page is < 1) throw OpsException.Invalid("page", "page starts at 1.");
        if (pageSize is < 1 or > MaxPageSize) throw OpsException.Invalid("page_size", $"page_size must be between 1 and {MaxPageSize}.");
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }
}
