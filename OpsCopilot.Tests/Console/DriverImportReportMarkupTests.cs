using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Drivers;

namespace OpsCopilot.Tests.Console;

public sealed class DriverImportReportMarkupTests
{
    private static Task<string> RenderAsync(DriverImportReport report) =>
        ComponentMarkup.RenderAsync<DriverImportReportView>(new Dictionary<string, object?> { [nameof(DriverImportReportView.Report)] = report });

    [Fact]
    public async Task Each_rejected_line_is_listed_with_its_field_and_reason_under_the_count()
    {
        var html = await RenderAsync(new DriverImportReport(4, 2,
        [
            new ImportProblem(4, "phone", "phone must be an international number, e.g. +43 664 1234567."),
            new ImportProblem(6, "subscribed", "subscribed must be yes or no (also true/false, 1/0, ja/nein), not '<maybe>'."),
        ], HeaderAccepted: true));

        html.ShouldContain("Imported 2 of 4 rows; 2 problems below (those lines were not imported).");
        html.ShouldContain("rz-alert-md rz-variant-flat rz-shade-lighter rz-warning");
        html.ShouldContain("<td class=\"ops-col-line\">4</td>");
        html.ShouldContain("<td class=\"ops-col-field\"><code>subscribed</code></td>");
        html.ShouldContain("not &#x27;&lt;maybe&gt;&#x27;.");
        html.Split("data-testid=\"import-problem\"").Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_clean_import_says_everything_went_in_and_lists_nothing()
    {
        var html = await RenderAsync(new DriverImportReport(1, 1, [], HeaderAccepted: true));

        html.ShouldContain("Imported all 1 row.");
        html.ShouldContain("rz-shade-lighter rz-success");
        html.ShouldNotContain("import-problems");
    }

    [Fact]
    public async Task A_refused_header_means_nothing_was_imported_and_says_why()
    {
        var html = await RenderAsync(new DriverImportReport(0, 0,
            [new ImportProblem(1, "header", "The header lacks the column subscribed: the first line must be …")], HeaderAccepted: false));

        html.ShouldContain("Nothing was imported");
        html.ShouldContain("The header lacks the column subscribed");
        html.ShouldContain("rz-shade-lighter rz-danger");
        html.ShouldNotContain("import-problems");
    }

    [Fact]
    public async Task A_long_report_shows_the_first_lines_and_counts_the_rest()
    {
        var problems = Enumerable.Range(2, DriverImportReportView.MaxShown + 5).Select(line => new ImportProblem(line, "phone", "bad")).ToList();

        var html = await RenderAsync(new DriverImportReport(problems.Count, 0, problems, HeaderAccepted: true));

        html.Split("data-testid=\"import-problem\"").Length.ShouldBe(DriverImportReportView.MaxShown + 1);
        html.ShouldContain("…and 5 more.");
    }
}
