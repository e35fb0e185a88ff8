using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Drivers;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The driver form and the CSV import card, rendered with bUnit on a real tenant's database.</summary>
public sealed class DriverComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    /// <summary>What the field says under its input (its help, or its error once there is one).</summary>
    private static string FieldMessage(IRenderedComponent<DriverForm> form, string testId) =>
        form.Find($"[data-testid={testId}-field]").TextContent;

    /// <summary>The form, once it knows the tenant's country (its number help names it).</summary>
    private static IRenderedComponent<DriverForm> Form(BunitContext context, Guid userId, Action<string>? saved = null)
    {
        var form = context.Render<DriverForm>(p => p.Add(c => c.EditedBy, userId).Add(c => c.OnSaved, name => saved?.Invoke(name)));
        form.WaitForAssertion(() => FieldMessage(form, "driver-phone").ShouldContain("as dialled in Austria"), TimeSpan.FromSeconds(10));
        return form;
    }

    [Fact]
    public async Task Empty_or_unusable_input_is_named_at_its_field_in_plain_words_and_nothing_is_saved()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.DriversManage);
        string? saved = null;
        var form = Form(context, user.Id, name => saved = name);

        await form.Find("[data-testid=save-driver]").ClickAsync(new());

        form.WaitForAssertion(() =>
        {
            FieldMessage(form, "driver-name").ShouldContain("Enter the driver's full name.");
            FieldMessage(form, "driver-phone").ShouldContain("Enter the driver's WhatsApp number.");
        });

        form.Find("[data-testid=driver-name]").Input("Karl Huber");
        form.Find("[data-testid=driver-phone]").Input("0664 CALL ME");
        await form.Find("[data-testid=save-driver]").ClickAsync(new());

        form.WaitForAssertion(() =>
        {
            FieldMessage(form, "driver-name").ShouldNotContain("Enter the driver's full name.");
            var message = FieldMessage(form, "driver-phone");
            message.ShouldContain("This is not a number WhatsApp can reach.");
            // The example is the tenant's own country (locale de-AT): both forms a person may write.
            message.ShouldContain("+43 ");
            message.ShouldContain("as dialled in Austria");
        });
        form.Markup.ShouldNotContain("full_name");
        saved.ShouldBeNull();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_name_typed_while_the_form_still_loads_the_tenants_country_is_kept()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.DriversManage);
        var form = context.Render<DriverForm>(p => p.Add(c => c.EditedBy, user.Id));

        // Typed at once, before the locale's query has answered (it once replaced the model afterwards, name and all).
        form.Find("[data-testid=driver-name]").Input("Karl Huber");
        form.WaitForAssertion(() => FieldMessage(form, "driver-phone").ShouldContain("as dialled in Austria"), TimeSpan.FromSeconds(10));

        form.Find("[data-testid=driver-name]").GetAttribute("value").ShouldBe("Karl Huber");
        await form.Find("[data-testid=save-driver]").ClickAsync(new());
        form.WaitForAssertion(() => FieldMessage(form, "driver-phone").ShouldContain("Enter the driver's WhatsApp number."));
        FieldMessage(form, "driver-name").ShouldNotContain("Enter the driver's full name.");
    }

    [Fact]
    public async Task A_national_number_is_completed_with_the_tenants_country_shown_before_saving_and_stored_in_E164()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenant.Id, user.Id, Permissions.DriversManage);
        string? saved = null;
        var form = Form(context, user.Id, name => saved = name);

        form.Find("[data-testid=driver-name]").Input("Eva Klein");
        form.Find("[data-testid=driver-phone]").Input("0664 777 1234");
        form.WaitForAssertion(() => FieldMessage(form, "driver-phone").ShouldContain("Saved as +436647771234"));
        await form.Find("[data-testid=save-driver]").ClickAsync(new());

        form.WaitForAssertion(() => saved.ShouldBe("Eva Klein"), TimeSpan.FromSeconds(10));
        (await factory.Database.ScalarAsync<string>(
            "SELECT d.phone || '|' || s.is_subscribed || '|' || s.consent_source FROM ops.drivers d JOIN ops.broadcast_subscriptions s ON s.driver_id = d.id WHERE d.tenant_id = $1",
            tenant.Id)).ShouldBe("436647771234|true|console");

        // The same number in its international form is the same driver: refused at the number, in plain words.
        string? second = null;
        var again = Form(context, user.Id, name => second = name);
        again.Find("[data-testid=driver-name]").Input("Eva Doppelt");
        again.Find("[data-testid=driver-phone]").Input("+43 664 7771234");
        await again.Find("[data-testid=save-driver]").ClickAsync(new());
        again.WaitForAssertion(() => FieldMessage(again, "driver-phone").ShouldContain("Another driver already has this number: search for it in the list below."),
            TimeSpan.FromSeconds(10));
        second.ShouldBeNull();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe(1L);
    }

    [Fact]
    public async Task The_import_card_shows_its_progress_then_the_report_and_imports_the_good_rows()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(services => services.AddScoped<DriverCsvImporter>(), factory.Services, tenant.Id, user.Id,
            Permissions.DriversManage);
        var csv = new StringBuilder("full_name;phone;subscribed;source\n");
        for (var i = 1; i <= 30; i++) csv.Append($"Fahrer {i:D2};0664 300{i:D4};ja;paper form\n");
        csv.Append("Bad Number;12ab;yes;\n").Append("Twice;+43 664 3000001;no;\n");
        DriverImportReport? reported = null;
        var card = context.Render<DriverImportCard>(p => p.Add(c => c.ImportedBy, user.Id).Add(c => c.OnImported, r => reported = r));
        var progress = new List<string>();
        card.OnMarkupUpdated += (_, _) =>
        {
            if (card.FindAll("[data-testid=import-progress]").FirstOrDefault() is { } shown)
                progress.Add($"{shown.GetAttribute("data-processed")}/{shown.GetAttribute("data-total")}");
        };

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv.ToString(), "drivers.csv"));
        card.WaitForAssertion(() => card.Find("[data-testid=import-csv]").HasAttribute("disabled").ShouldBeFalse());
        card.Find("[data-testid=csv-file-name]").TextContent.ShouldStartWith("drivers.csv (");
        await card.Find("[data-testid=import-csv]").ClickAsync(new());

        card.WaitForAssertion(() => card.Find("[data-testid=import-summary]").TextContent.Trim()
            .ShouldBe("Imported 30 of 32 rows; 2 problems below (those lines were not imported)."), TimeSpan.FromSeconds(30));
        progress.ShouldContain("0/32");
        progress.ShouldContain("25/32");
        card.FindAll("[data-testid=import-progress]").ShouldBeEmpty();
        var problems = card.FindAll("[data-testid=import-problem]");
        problems.Select(p => p.GetAttribute("data-line")).ShouldBe(["32", "33"]);
        problems[0].TextContent.ShouldContain("phone must be a phone number with its country code");
        problems[1].TextContent.ShouldContain("Duplicate: line 2 of this file has the same phone number and was imported.");
        reported!.Imported.ShouldBe(30);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.drivers d JOIN ops.broadcast_subscriptions s ON s.driver_id = d.id WHERE d.tenant_id = $1 AND d.phone LIKE '436643%' AND s.consent_source = 'paper form'",
            tenant.Id)).ShouldBe(30L);
    }

    [Fact]
    public async Task A_refused_header_imports_nothing_and_says_why()
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await using var context = ConsoleComponentContext.Create(services => services.AddScoped<DriverCsvImporter>(), factory.Services, tenant.Id, user.Id,
            Permissions.DriversManage);
        var card = context.Render<DriverImportCard>(p => p.Add(c => c.ImportedBy, user.Id));

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("name,number\nKarl,436642000001\n", "wrong.csv"));
        card.WaitForAssertion(() => card.Find("[data-testid=import-csv]").HasAttribute("disabled").ShouldBeFalse());
        await card.Find("[data-testid=import-csv]").ClickAsync(new());

        card.WaitForAssertion(() =>
        {
            var summary = card.Find("[data-testid=import-summary]");
            summary.GetAttribute("data-outcome").ShouldBe("refused");
            summary.TextContent.ShouldContain("Nothing was imported.");
            summary.TextContent.ShouldContain("Unknown column 'name' in the header");
        });
        card.FindAll("[data-testid=import-problems]").ShouldBeEmpty();
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_long_report_lists_the_first_lines_and_counts_the_rest()
    {
        await using var context = ConsoleComponentContext.Create();
        var problems = Enumerable.Range(2, DriverImportReportView.MaxShown + 5).Select(line => new ImportProblem(line, "phone", "bad")).ToList();

        var view = context.Render<DriverImportReportView>(p => p.Add(c => c.Report, new DriverImportReport(problems.Count, 0, problems, HeaderAccepted: true)));

        view.FindAll("[data-testid=import-problem]").Count.ShouldBe(DriverImportReportView.MaxShown);
        view.Find("[data-testid=import-more]").TextContent.ShouldContain("…and 5 more.");
    }
}
