using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Templates;

namespace OpsCopilot.Tests.Console;

public sealed class TemplatePreviewMarkupTests
{
    private static Task<string> RenderAsync(string body, Dictionary<string, string> samples) =>
        ComponentMarkup.RenderAsync<TemplatePreview>(new Dictionary<string, object?>
        {
            [nameof(TemplatePreview.Body)] = body,
            [nameof(TemplatePreview.Samples)] = samples,
        });

    [Fact]
    public async Task Sample_values_fill_the_body_and_placeholders_without_one_stay_marked()
    {
        var html = await RenderAsync("Hallo {{driver_name}}, Schicht am {{ date }} um {{time}}.",
            new() { ["driver_name"] = "Max Mustermann", ["time"] = "06:00", ["date"] = "  " });

        html.ShouldContain("Hallo Max Mustermann, Schicht am <mark class=\"ops-missing\" title=\"No sample value for date\" data-testid=\"preview-missing\">{{date}}</mark> um 06:00.");
    }

    [Fact]
    public async Task Sample_values_are_text_not_markup()
    {
        var html = await RenderAsync("Route: {{route}}", new() { ["route"] = "<b>R7</b> \u0001x\u0002" });

        html.ShouldContain("Route: &lt;b&gt;R7&lt;/b&gt;");
        html.ShouldNotContain("<b>");
        html.ShouldNotContain("ops-missing");
    }

    [Fact]
    public async Task An_empty_body_invites_typing()
    {
        var html = await RenderAsync("  ", new());

        html.ShouldContain("The preview appears as you type the message.");
    }

    [Fact]
    public void The_preview_uses_the_same_substitution_as_sending()
    {
        var body = "Hallo {{driver_name}}, {{route}} ab {{date}} {{unknown_later}}.";
        var samples = new Dictionary<string, string> { ["driver_name"] = "Anna", ["route"] = "R7", ["date"] = "morgen", ["unknown_later"] = "x" };

        var text = string.Concat(TemplatePreview.Segments(body, samples).Select(s => s.Text));

        text.ShouldBe(TemplatePlaceholders.Render(body, samples));
    }

    [Fact]
    public void The_form_asks_samples_for_the_body_placeholders_in_order_then_for_params_the_body_lacks()
    {
        var form = new TemplateForm { BodyTemplate = "{{time}} {{driver_name}} {{time}}", ExpectedParams = " driver_name, date ,, " };

        form.SampleNames().ShouldBe(["time", "driver_name", "date"]);
        form.ToInput().ExpectedParams.ShouldBe(["driver_name", "date"]);
        CommaList.Split(" a, ,b ,c,").ShouldBe(["a", "b", "c"]);
        CommaList.Split(null).ShouldBeEmpty();
    }
}
