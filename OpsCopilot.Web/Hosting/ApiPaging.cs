using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Hosting;

/// <summary>
/// The paging query of every list, bound with [AsParameters]: <c>?page=&amp;page_size=</c>. <c>pageSize</c>, the
/// name most lists used before the API settled on snake_case, is still read (undocumented) so existing scripts keep
/// working; <c>page_size</c> wins when both are sent.
/// </summary>
public sealed class PageQuery
{
    public const string LegacyPageSizeName = "pageSize";

    [FromQuery(Name = "page"), Description("Page number, from 1. Default 1.")]
    public int? Page { get; init; }

    [FromQuery(Name = "page_size"), Description("Items per page, 1 to 100. Default 25.")]
    public int? PageSize { get; init; }

    public required HttpRequest Request { get; init; }

    /// <summary>The page and size to read; a 400 problem naming the field when either is out of range.</summary>
    public (int Page, int PageSize) Normalize() => Paging.Normalize(Page, PageSize ?? LegacyPageSize());

    private int? LegacyPageSize()
    {
        if (!Request.Query.TryGetValue(LegacyPageSizeName, out var value)) return null;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw OpsException.Invalid("page_size", "page_size must be a whole number.");
    }
}

/// <summary>The one envelope of every paged list.</summary>
public sealed record ApiPage<T>(
    [property: Description("The items of this page, in the list's order.")] IReadOnlyList<T> Items,
    [property: Description("How many items match in all pages.")] int Total,
    [property: Description("This page's number, from 1.")] int Page,
    [property: Description("The page size the server used.")] int PageSize,
    [property: Description("True when more than 10,000 items match: total is then 10,000 and only the newest 10,000 are paged (narrow the filter for older ones).")] bool TotalCapped);

public static class ApiPage
{
    public static ApiPage<TOut> From<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Total, page.PageNumber, page.PageSize, page.TotalCapped);
}
