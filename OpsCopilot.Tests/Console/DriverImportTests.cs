using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Drivers;

namespace OpsCopilot.Tests.Console;

/// <summary>CSV import through DriverService, and the server-paged driver list the grid reads, on the runtime services.</summary>
public sealed class DriverImportTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<DriverImportReport> ImportAsync(int tenantId, string csv)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return await scope.ServiceProvider.GetRequiredService<DriverCsvImporter>()
            .ImportAsync(DriverCsvParser.Parse(csv), null, null, CancellationToken.None);
    }

    [Fact]
    public async Task Valid_rows_are_imported_and_each_refused_row_is_reported_without_stopping_the_others()
    {
        var (tenant, _, _) = await factory.CreateSeededTenantAsync();

        var report = await ImportAsync(tenant.Id,
            "full_name,phone,subscribed,source\n" +
            "Karl Huber,+43 664 2000001,yes,paper form\n" +
            ",436642000002,no,\n" +
            "Max Again,436641000001,yes,\n" +
            "Eva Klein,0043 664 2000003,no,\n" +
            "Eva Twice,+43 (664) 200-0003,yes,\n" +
            "Far Too Long Source,436642000004,yes," + new string('x', 41) + "\n" +
            "Petra Neu,436642000005,perhaps,\n");

        report.RowsRead.ShouldBe(7);
        report.Imported.ShouldBe(2);
        report.Problems.Select(p => (p.Line, p.Field)).ShouldBe([(3, "full_name"), (4, "phone"), (6, "phone"), (7, "source"), (8, "subscribed")]);
        report.Problems[1].Message.ShouldBe("A driver with phone 436*******01 already exists.");
        report.Problems[2].Message.ShouldBe("Duplicate: line 5 of this file has the same phone number and was imported.");
        (await factory.Database.ScalarAsync<string>(
            "SELECT string_agg(d.phone || '|' || s.is_subscribed || '|' || s.consent_source, ';' ORDER BY d.phone) FROM ops.drivers d " +
            "JOIN ops.broadcast_subscriptions s ON s.driver_id = d.id WHERE d.tenant_id = $1 AND d.phone LIKE '4366420%'", tenant.Id))
            .ShouldBe("436642000001|true|paper form;436642000003|false|csv_import");
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'SUBSCRIPTION_CHANGED' AND payload->>'source' IN ('paper form', 'csv_import')", tenant.Id))
            .ShouldBe(2L);
    }

    [Fact]
    public async Task A_file_with_a_wrong_header_imports_nothing()
    {
        var (tenant, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);

        var report = await ImportAsync(tenant.Id, "name,number\nKarl,436642000001\n");

        report.HeaderAccepted.ShouldBeFalse();
        report.Imported.ShouldBe(0);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe(0L);
    }

    [Fact]
    public async Task The_driver_list_pages_and_searches_on_the_server_by_name_or_by_the_digits_of_a_number()
    {
        var (tenant, _, _) = await factory.CreateSeededTenantAsync();
        await using var scope = factory.RuntimeScope(tenant.Id);
        var drivers = scope.ServiceProvider.GetRequiredService<DriverService>();

        var first = await drivers.ListAsync(null, 1, 4, CancellationToken.None);
        var second = await drivers.ListAsync(null, 2, 4, CancellationToken.None);
        first.Total.ShouldBe(6);
        first.Items.Select(d => d.FullName).ShouldBe(["Anna Berger", "Jan Nowak", "Leyla Yilmaz", "Max Mustermann"]);
        second.Items.Select(d => d.FullName).ShouldBe(["Petra Gruber", "Stefan Huber"]);
        second.Items[0].IsSubscribed.ShouldBeFalse();
        second.Items[0].ConsentSource.ShouldBe("seed-demo");

        (await drivers.ListAsync("huber", 1, 10, CancellationToken.None)).Items.Single().FullName.ShouldBe("Stefan Huber");
        (await drivers.ListAsync("+43 664 100-0005", 1, 10, CancellationToken.None)).Items.Single().FullName.ShouldBe("Jan Nowak");
        (await drivers.ListAsync("100_", 1, 10, CancellationToken.None)).Total.ShouldBe(0);
    }
}
