using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>Checks every migrated page gets: accessibility (axe), no sideways scrolling, snackbars clear of buttons.</summary>
public static class ConsoleQuality
{
    /// <summary>What every page visit of the quality tests checks: axe, no sideways scrolling, and a screenshot kept.</summary>
    public static async Task ShouldPassPageChecksAsync(IPage page, string what, string screenshot)
    {
        await ShouldHaveNoSeriousAccessibilityViolationsAsync(page, what);
        await ShouldNotScrollSidewaysAsync(page);
        await ConsoleFixture.ScreenshotAsync(page, screenshot);
    }

    /// <summary>axe-core over the whole page: no serious or critical violation (WCAG 2.2 AA rules included).</summary>
    public static async Task ShouldHaveNoSeriousAccessibilityViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty($"{what}:\n" + string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(4).Select(n => n.Html)))));
    }

    /// <summary>The page itself never scrolls sideways; wide content scrolls inside its own container.</summary>
    public static async Task ShouldNotScrollSidewaysAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] <= widths[1]) return;
        // Name the innermost elements that reach past the edge, so the failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>("""
            () => [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} [${e.getAttribute('data-testid') ?? ''}] right=${Math.round(e.getBoundingClientRect().right)}`)
            """);
        widths[0].ShouldBeLessThanOrEqualTo(widths[1],
            $"{page.Url} scrolls sideways: scrollWidth {widths[0]} > clientWidth {widths[1]}; past the edge: {string.Join("; ", culprits)}");
    }

    /// <summary>The snackbar overlaps none of the page's visible buttons (it sits over the app bar).</summary>
    public static async Task ShouldNotCoverPageButtonsAsync(IPage page, ILocator snackbar)
    {
        var box = await snackbar.BoundingBoxAsync() ?? throw new InvalidOperationException("The snackbar is not shown.");
        var buttons = page.Locator("main button:visible, main a:visible");
        for (var i = 0; i < await buttons.CountAsync(); i++)
        {
            if (await buttons.Nth(i).BoundingBoxAsync() is not { } button) continue;
            var overlaps = box.X < button.X + button.Width && button.X < box.X + box.Width && box.Y < button.Y + button.Height && button.Y < box.Y + box.Height;
            overlaps.ShouldBeFalse($"The snackbar ({box.X},{box.Y} {box.Width}x{box.Height}) covers '{await buttons.Nth(i).InnerTextAsync()}'");
        }
    }
}
