using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Features.Simulator;

namespace OpsCopilot.Tests.Simulator;

/// <summary>
/// The simulator's quick pick offers only numbers it would speak as: the tenant's own paired phones and drivers, never
/// a driver who also drives for another tenant (the simulator refuses that number, so offering it would only lead to a
/// refusal); and the names lists put beside the tenant's numbers.
/// </summary>
public sealed class SimulatorQuickPickTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_driver_shared_with_another_tenant_is_not_offered_while_the_tenants_own_numbers_are()
    {
        var (mine, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (theirs, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(mine.Id, AppRole.Dispatcher);
        var paired = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", mine.Id, dispatcher.Id, paired);
        var ownDriver = Phones.Next();
        var sharedDriver = Phones.Next();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Maria Eigen', $2), ($1, 'Sepp Geteilt', $3), ($4, 'Sepp Geteilt', $3)",
            mine.Id, ownDriver, sharedDriver, theirs.Id);

        await using var scope = factory.RuntimeScope(mine.Id);
        var contacts = scope.ServiceProvider.GetRequiredService<SimulatorContacts>();
        var offered = await contacts.FindAsync(null, 10, CancellationToken.None);

        offered.Select(c => c.Phone).ShouldBe([paired, ownDriver], ignoreOrder: true);
        (await contacts.FindAsync("sepp", 10, CancellationToken.None)).ShouldBeEmpty();
        // The number is refused when typed by hand too: the quick pick and the send follow one rule.
        (await contacts.RefusalAsync(sharedDriver, mine.Id, CancellationToken.None)).ShouldNotBeNull();
        // Once chosen, the pick shows the number masked, the name beside it.
        offered.Single(c => c.Phone == ownDriver).Label.ShouldBe($"Maria Eigen · +{OpsCopilot.Data.Security.PhoneNumbers.Mask(ownDriver)} ({SimulatorContacts.DriverKind})");
    }

    [Fact]
    public async Task Recorded_numbers_are_named_after_the_user_they_are_paired_to_or_the_driver_and_numbers_of_nobody_stay_unnamed()
    {
        var (mine, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(mine.Id, AppRole.Dispatcher);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Anna Berger' WHERE id = $1", dispatcher.Id);
        var (theirs, _, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var paired = Phones.Next();
        var driver = Phones.Next();
        var theirDriver = Phones.Next();
        await factory.Database.ExecuteAsync("INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", mine.Id, dispatcher.Id, paired);
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Maria Eigen', $2), ($3, 'Otto Fremd', $4)", mine.Id, driver, theirs.Id, theirDriver);

        await using var scope = factory.RuntimeScope(mine.Id);
        var names = await scope.ServiceProvider.GetRequiredService<SimulatorContacts>()
            .NamesAsync([paired, driver, theirDriver, Phones.Next()], CancellationToken.None);

        names.ShouldBe(new Dictionary<string, string> { [paired] = "Anna Berger", [driver] = "Maria Eigen" }, ignoreOrder: true);
    }
}
