using Microsoft.EntityFrameworkCore;

namespace OpsCopilot.Data;

/// <summary>
/// One page of a list: the items, how many match in all, and which page of what size this is. A count stops at
/// <see cref="Paging.CountCap"/>: beyond it <see cref="Total"/> is the cap and <see cref="TotalCapped"/> says "more".
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize, bool TotalCapped = false)
{
    /// <summary>The same page with its items told differently (names looked up, rows described).</summary>
    public Page<TOut> WithItems<TOut>(IReadOnlyList<TOut> items) => new(items, Total, PageNumber, PageSize, TotalCapped);
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The most a list counts. A count reads the list's own index in its own order and stops one row past this, so a
    /// tenant with a million rows costs the first page no more than ten thousand index entries (docs/benchmarks.md).
    /// </summary>
    public const int CountCap = 10_000;

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

    /// <summary>
    /// How many rows the list holds, up to <see cref="CountCap"/>: <c>count(*)</c> over the ordered query limited to
    /// cap + 1 rows. Pass the list's own order, so the count walks the index its page walks instead of every row.
    /// </summary>
    public static async Task<(int Total, bool Capped)> CountCappedAsync<T>(this IOrderedQueryable<T> ordered, CancellationToken cancellationToken)
    {
        var counted = await ordered.Take(CountCap + 1).CountAsync(cancellationToken);
        return (Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>One page of the ordered query and its capped count (<see cref="CountCappedAsync{T}"/>).</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IOrderedQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var (total, capped) = await ordered.CountCappedAsync(cancellationToken);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<T>(items, total, page, pageSize, capped);
    }
}
