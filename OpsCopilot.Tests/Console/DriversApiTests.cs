using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Console;

/// <summary>The drivers API takes a number as people type it: nationally, in the tenant's country (locale de-AT), it is the same number as in E.164.</summary>
public sealed class DriversApiTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_national_number_gets_the_same_answer_as_its_E164_form()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        using var client = await factory.SignedInClientAsync(admin.Email!, password);

        var created = await (await client.PostJsonAsync("/api/v1/ops/drivers", new { full_name = "Nora National", phone = "0664 777 1234" })).ShouldSucceedAsync();
        created["phone"]!.GetValue<string>().ShouldBe("436647771234");

        var international = await (await client.PostJsonAsync("/api/v1/ops/drivers", new { full_name = "Nora Zwei", phone = "+43 664 7771234" })).ShouldBeProblemAsync(409);
        var national = await (await client.PostJsonAsync("/api/v1/ops/drivers", new { full_name = "Nora Zwei", phone = "06647771234" })).ShouldBeProblemAsync(409);
        national["detail"]!.GetValue<string>().ShouldBe(international["detail"]!.GetValue<string>());
        national["detail"]!.GetValue<string>().ShouldBe("A driver with phone 436*******34 already exists.");

        var id = created["id"]!.GetValue<string>();
        (await client.PutJsonAsync($"/api/v1/ops/drivers/{id}", new { full_name = "Nora National", phone = "0664 777 1235", is_active = true })).IsSuccessStatusCode.ShouldBeTrue();
        (await factory.Database.ScalarAsync<string>("SELECT phone FROM ops.drivers WHERE tenant_id = $1", tenant.Id)).ShouldBe("436647771235");

        var found = await (await client.GetAsync("/api/v1/ops/drivers?search=" + Uri.EscapeDataString("0664 777"))).ShouldSucceedAsync();
        found["total"]!.GetValue<int>().ShouldBe(1);
        var byInternational = await (await client.GetAsync("/api/v1/ops/drivers?search=" + Uri.EscapeDataString("+43 664 777"))).ShouldSucceedAsync();
        byInternational.ToJsonString().ShouldBe(found.ToJsonString());
    }

    [Theory]
    [InlineData("0664 CALL ME")]
    [InlineData("000664 7771234")]
    [InlineData("0")]
    public async Task A_number_that_is_neither_national_nor_international_is_refused_naming_both_forms(string phone)
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        using var client = await factory.SignedInClientAsync(admin.Email!, password);

        var problem = await (await client.PostJsonAsync("/api/v1/ops/drivers", new { full_name = "Falsch", phone })).ShouldBeProblemAsync(400);

        problem.ToJsonString().ShouldContain("as dialled in Austria");
    }
}
