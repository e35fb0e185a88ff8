using Bunit;
using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Templates;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The template editor, rendered with bUnit: the live preview follows typing, problems show at their field in
/// the form's words, and Save reaches the real database.</summary>
public sealed class TemplateComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static IRenderedComponent<TemplateEditor> Editor(BunitContext context, BroadcastTemplate? existing = null, bool readOnly = false,
        Action<BroadcastTemplate>? saved = null, Guid? by = null) =>
        context.Render<TemplateEditor>(p => p
            .Add(c => c.Existing, existing).Add(c => c.ReadOnly, readOnly).Add(c => c.EditedBy, by).Add(c => c.OnSaved, t => saved?.Invoke(t)));

    /// <summary>What the field says under its input (its help, or its error once there is one).</summary>
    private static string FieldMessage(IRenderedComponent<TemplateEditor> editor, string testId) =>
        editor.Find($"[data-testid={testId}-field]").TextContent;

    [Fact]
    public async Task The_preview_follows_the_message_and_each_sample_value_as_they_are_typed()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.TemplatesManage);
        var editor = Editor(context);
        editor.Find("[data-testid=template-preview]").TextContent.Trim().ShouldBe("The preview appears as you type the message.");

        editor.Find("[data-testid=template-body]").Input("Hallo {{driver_name}}, bitte {{task}} bis {{time}}.");

        editor.WaitForAssertion(() =>
        {
            editor.Find("[data-testid=template-preview]").TextContent.Trim().ShouldBe("Hallo {{driver_name}}, bitte {{task}} bis {{time}}.");
            editor.FindAll("[data-testid=preview-missing]").Select(m => m.TextContent).ShouldBe(["{{driver_name}}", "{{task}}", "{{time}}"]);
        });
        editor.Find("[data-testid=sample-driver_name]").Input("Anna Berger");
        editor.Find("[data-testid=sample-task]").Input("Tor 3 anfahren");
        editor.WaitForAssertion(() =>
            editor.Find("[data-testid=template-preview]").TextContent.Trim().ShouldBe("Hallo Anna Berger, bitte Tor 3 anfahren bis {{time}}."));
        editor.Find("[data-testid=sample-time]").Input("14:00");
        editor.WaitForAssertion(() =>
        {
            editor.Find("[data-testid=template-preview]").TextContent.Trim().ShouldBe("Hallo Anna Berger, bitte Tor 3 anfahren bis 14:00.");
            editor.FindAll("[data-testid=preview-missing]").ShouldBeEmpty();
        });

        // The message changes under the samples: the preview follows at once, the values typed stay.
        editor.Find("[data-testid=template-body]").Input("Servus {{driver_name}}: {{task}}!");
        editor.WaitForAssertion(() => editor.Find("[data-testid=template-preview]").TextContent.Trim().ShouldBe("Servus Anna Berger: Tor 3 anfahren!"));
        // Typed values are text, never markup.
        editor.Find("[data-testid=sample-task]").Input("<b>R7</b>");
        editor.WaitForAssertion(() => editor.Find("[data-testid=template-preview]").InnerHtml.ShouldContain("&lt;b&gt;R7&lt;/b&gt;"));
    }

    [Fact]
    public async Task Problems_show_at_their_field_in_the_forms_words_and_nothing_is_saved()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.TemplatesManage);
        BroadcastTemplate? saved = null;
        var editor = Editor(context, saved: t => saved = t);

        await editor.Find("[data-testid=save-template]").ClickAsync(new());

        editor.WaitForAssertion(() =>
        {
            FieldMessage(editor, "template-key").ShouldContain("Enter a template name, e.g. shift_reminder.");
            FieldMessage(editor, "template-body").ShouldContain("Write the message drivers receive.");
        });

        editor.Find("[data-testid=template-key]").Input("Schicht Erinnerung");
        editor.Find("[data-testid=template-body]").Input("Hallo {{driver_name}}, Schicht am {{date}} ab {{start}}.");
        editor.Find("[data-testid=template-params]").Input("driver_name, date, time");
        await editor.Find("[data-testid=save-template]").ClickAsync(new());

        editor.WaitForAssertion(() =>
        {
            FieldMessage(editor, "template-key").ShouldContain("Use lowercase letters, digits and _ only");
            FieldMessage(editor, "template-params").ShouldContain(
                "The message uses {{start}}, which Placeholders does not list; Placeholders lists time, which the message never uses.");
            FieldMessage(editor, "template-body").ShouldNotContain("Write the message drivers receive.");
        });
        editor.Markup.ShouldNotContain("template_key");
        editor.Markup.ShouldNotContain("expected_params");
        editor.Markup.ShouldNotContain("body_template");
        saved.ShouldBeNull();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.broadcast_templates WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);

        // Fixed as typed: the errors go away with their cause.
        editor.Find("[data-testid=template-params]").Input("driver_name, date, start");
        editor.WaitForAssertion(() => FieldMessage(editor, "template-params").ShouldNotContain("The message uses"));
    }

    [Fact]
    public async Task Save_creates_the_template_unapproved_and_a_taken_name_is_refused_at_the_name_field()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.TemplatesManage);
        BroadcastTemplate? saved = null;
        var editor = Editor(context, saved: t => saved = t, by: user.Id);

        editor.Find("[data-testid=template-key]").Input("gate_notice");
        editor.Find("[data-testid=template-body]").Input("Hallo {{driver_name}}, bitte Tor {{gate}}.");
        editor.Find("[data-testid=template-params]").Input("driver_name, gate");
        await editor.Find("[data-testid=save-template]").ClickAsync(new());

        editor.WaitForAssertion(() => saved.ShouldNotBeNull(), TimeSpan.FromSeconds(10));
        saved!.TemplateKey.ShouldBe("gate_notice");
        (await factory.Database.ScalarAsync<string>(
            "SELECT array_to_string(expected_params, ',') || '|' || is_approved || '|' || (SELECT count(*) FROM ops.events e WHERE e.tenant_id = $1 AND e.event_type = 'TEMPLATE_CHANGED' AND e.payload->>'by' = $2) " +
            "FROM ops.broadcast_templates WHERE tenant_id = $1 AND template_key = 'gate_notice'", tenant.Id, user.Id.ToString()))
            .ShouldBe("driver_name,gate|false|1");

        var again = Editor(context);
        again.Find("[data-testid=template-key]").Input("gate_notice");
        again.Find("[data-testid=template-body]").Input("Tor {{gate}}.");
        again.Find("[data-testid=template-params]").Input("gate");
        await again.Find("[data-testid=save-template]").ClickAsync(new());

        again.WaitForAssertion(() =>
            FieldMessage(again, "template-key").ShouldContain("A template named gate_notice already exists: choose another name."), TimeSpan.FromSeconds(10));
        (await factory.Database.ScalarAsync<string>("SELECT body_template FROM ops.broadcast_templates WHERE tenant_id = $1 AND template_key = 'gate_notice'", tenant.Id))
            .ShouldBe("Hallo {{driver_name}}, bitte Tor {{gate}}.");
    }

    [Fact]
    public async Task Read_only_the_fields_cannot_change_and_there_is_no_save_but_the_preview_still_takes_samples()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.TemplatesView);
        var template = new BroadcastTemplate
        {
            TenantId = tenant.Id, TemplateKey = "shift_reminder", BodyTemplate = "Hallo {{driver_name}}, Schicht am {{date}} um {{time}}.",
            ExpectedParams = ["driver_name", "date", "time"], IsApproved = true, IsActive = true,
        };

        var editor = Editor(context, template, readOnly: true);

        editor.Find("h2").TextContent.ShouldBe("Shift reminder");
        editor.Find("[data-testid=template-body]").HasAttribute("readonly").ShouldBeTrue();
        editor.FindAll("[data-testid=save-template]").ShouldBeEmpty();
        editor.Find("[data-testid=sample-date]").Input("morgen");
        editor.WaitForAssertion(() => editor.Find("[data-testid=template-preview]").TextContent.ShouldContain("Schicht am morgen um"));
    }

    [Theory]
    [InlineData("shift_reminder", "Shift reminder")]
    [InlineData("depot_closure", "Depot closure")]
    [InlineData(" route__change ", "Route change")]
    [InlineData("x", "X")]
    [InlineData("", "Unnamed template")]
    public void A_template_key_reads_as_a_name(string key, string shown) => TemplateNames.Display(key).ShouldBe(shown);
}
