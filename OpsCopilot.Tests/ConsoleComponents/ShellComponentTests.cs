using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Components.Layout;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The layout and the shared dialog, rendered with bUnit.</summary>
public sealed class ShellComponentTests
{
    /// <summary>A page whose button fails the way a click fails when the database is unreachable.</summary>
    private sealed class FailingPage : ComponentBase
    {
        public static int Renders;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            Renders++;
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "failing-click");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this,
                () => throw new Npgsql.NpgsqlException("Connection refused")));
            builder.AddContent(3, "Do it");
            builder.CloseElement();
        }
    }

    [Fact]
    public async Task A_failing_click_shows_the_error_in_place_of_the_page_keeps_the_shell_and_Try_again_brings_the_page_back()
    {
        await using var context = ConsoleComponentContext.Create();
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<FailingPage>(0);
            b.CloseComponent();
        })));

        await layout.Find("[data-testid=failing-click]").ClickAsync(new());

        layout.WaitForElement("[data-testid=page-error]").TextContent.ShouldContain("You are still signed in");
        layout.FindAll("[data-testid=failing-click]").ShouldBeEmpty();
        // The shell stays: the menu and the signed-in user are still there.
        layout.Find("[data-testid=menu-toggle]").ShouldNotBeNull();
        layout.Find("[data-testid=current-user]").TextContent.ShouldBe("anna@demo.local");

        await layout.Find("[data-testid=page-error-retry]").ClickAsync(new());
        layout.WaitForElement("[data-testid=failing-click]");
        layout.FindAll("[data-testid=page-error]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, false, "No drafts")]
    [InlineData(37, false, "Page 2 of 2 (37 drafts)")]
    [InlineData(10_000, true, "Page 2 of 400+ (10,000+ drafts)")]
    public async Task The_pager_says_how_many_and_says_more_when_the_count_stopped_at_the_cap(int total, bool capped, string expected)
    {
        await using var context = ConsoleComponentContext.Create();
        var pager = context.Render<UrlPager>(p => p.Add(x => x.Page, 2).Add(x => x.Total, total).Add(x => x.TotalCapped, capped)
            .Add(x => x.PageSize, 25).Add(x => x.ItemName, "drafts").Add(x => x.TestId, "drafts-pager"));

        pager.Find("[data-testid=drafts-pager-summary]").TextContent.ShouldBe(expected);
    }

    [Theory]
    [InlineData("confirm-dialog-confirm", true)]
    [InlineData("confirm-dialog-keep", false)]
    public async Task The_confirmation_dialog_spells_out_the_consequence_and_answers_true_only_for_its_confirm_button(string button, bool expected)
    {
        await using var context = ConsoleComponentContext.Create();
        var (dialogs, _) = context.RenderProviders();
        var service = context.Services.GetRequiredService<IDialogService>();

        var answer = dialogs.InvokeAsync(() => service.ConfirmAsync("Revoke paired phone", "Unpair +436*******91 from anna@demo.local?", "Revoke",
            keepText: "Keep", destructive: true, warning: "Messages from this phone stop acting for the user."));
        dialogs.WaitForElement("[data-testid=confirm-dialog-consequence]").TextContent.ShouldBe("Unpair +436*******91 from anna@demo.local?");
        dialogs.Find("[data-testid=confirm-dialog-warning]").TextContent.ShouldContain("stop acting");
        dialogs.Find("[data-testid=confirm-dialog-confirm]").TextContent.Trim().ShouldBe("Revoke");
        dialogs.Find("[data-testid=confirm-dialog-keep]").TextContent.Trim().ShouldBe("Keep");
        dialogs.Find("[data-testid=confirm-dialog-confirm]").ClassList.ShouldContain("mud-button-filled-error");

        await dialogs.Find($"[data-testid={button}]").ClickAsync(new());

        (await answer).ShouldBe(expected);
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=confirm-dialog-consequence]").ShouldBeEmpty());
    }

    [Fact]
    public async Task A_phone_number_is_shown_masked_and_beside_its_persons_name()
    {
        await using var context = ConsoleComponentContext.Create();
        var shown = context.Render<PersonPhone>(p => p.Add(c => c.Name, "Jürgen Müller").Add(c => c.Digits, "436641234591"));

        shown.Find(".ops-person-name").TextContent.ShouldBe("Jürgen Müller");
        shown.Find(".ops-phone").TextContent.ShouldBe("+436*******91");
        shown.Markup.ShouldNotContain("436641234591");
    }

    [Fact]
    public async Task A_time_is_shown_in_the_tenants_zone_with_the_zone_named()
    {
        await using var context = ConsoleComponentContext.Create();
        // 13:05 UTC in July is 15:05 in Vienna (summer time).
        var shown = context.Render<TimeText>(p => p.Add(c => c.Value, new DateTimeOffset(2026, 7, 1, 13, 5, 9, TimeSpan.Zero)).Add(c => c.Seconds, true));

        var time = shown.Find("time");
        time.TextContent.ShouldBe("2026-07-01 15:05:09 Vienna");
        time.GetAttribute("title").ShouldBe("Europe/Vienna, UTC+02:00");
        time.GetAttribute("datetime").ShouldBe("2026-07-01T13:05:09Z");
    }
}
