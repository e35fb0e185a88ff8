using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// ops.identify_sender (migration 0010) answers, in one call and before any tenant is known, exactly what
/// ops.resolve_sender and ops.find_driver_memberships answer one after the other: run as ops_app with no tenant set.
/// </summary>
public sealed class SenderIdentificationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private int tenantA;
    private int tenantB;
    private Guid userA;
    private Guid identityA;
    private Guid driverA;
    private Guid driverB;
    private readonly string phone = "43664" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        tenantA = await fixture.Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "A " + Guid.NewGuid());
        tenantB = await fixture.Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "B " + Guid.NewGuid());
        userA = Guid.NewGuid();
        await fixture.Database.ExecuteAsync("INSERT INTO auth.users (id, tenant_id) VALUES ($1, $2)", userA, tenantA);
        identityA = await fixture.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3) RETURNING id", tenantA, userA, phone);
        // The same number is an active driver in A and B and an inactive one in a third tenant, which must not count.
        driverA = await fixture.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Anna A', $2) RETURNING id", tenantA, phone);
        driverB = await fixture.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone) VALUES ($1, 'Anna B', $2) RETURNING id", tenantB, phone);
        var tenantC = await fixture.Database.ScalarAsync<int>("INSERT INTO ops.tenants (name) VALUES ($1) RETURNING id", "C " + Guid.NewGuid());
        await fixture.Database.ExecuteAsync(
            "INSERT INTO ops.drivers (tenant_id, full_name, phone, is_active) VALUES ($1, 'Former', $2, false)", tenantC, phone);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_paired_driver_is_known_with_its_pairing_and_every_active_membership_in_one_call()
    {
        await using var runtime = new RuntimeScopes(fixture.Database);
        var (scope, db) = runtime.For(null);
        await using var _ = scope;

        var sender = await SenderDirectory.IdentifyAsync(db, phone, CancellationToken.None);

        sender.Paired.ShouldBe(new PairedSender(tenantA, identityA, userA));
        var expected = new[] { (tenantA, driverA), (tenantB, driverB) }.OrderBy(m => m.Item1).ToList();
        sender.DriverMemberships.ShouldBe(expected);
        // The same answers as the two functions it replaces on this path.
        (await SenderDirectory.ResolveAsync(db, phone, CancellationToken.None)).ShouldBe(sender.Paired);
        (await DriverMembershipsAsync(db, phone)).ShouldBe(sender.DriverMemberships);
    }

    [Fact]
    public async Task A_revoked_pairing_and_an_unknown_number_are_nobody()
    {
        await fixture.Database.ExecuteAsync("UPDATE ops.identities SET status = 'REVOKED', revoked_at = now() WHERE id = $1", identityA);
        await using var runtime = new RuntimeScopes(fixture.Database);
        var (scope, db) = runtime.For(null);
        await using var _ = scope;

        var revoked = await SenderDirectory.IdentifyAsync(db, phone, CancellationToken.None);
        revoked.Paired.ShouldBeNull();
        revoked.DriverMemberships.Count.ShouldBe(2);

        var unknown = await SenderDirectory.IdentifyAsync(db, "436649999999", CancellationToken.None);
        unknown.Paired.ShouldBeNull();
        unknown.DriverMemberships.ShouldBeEmpty();
    }

    /// <summary>ops.find_driver_memberships, the pairing path's function that identify_sender combines with resolve_sender.</summary>
    private static async Task<IReadOnlyList<(int TenantId, Guid DriverId)>> DriverMembershipsAsync(OpsDbContext db, string phone) =>
        (await db.Database.SqlQuery<DriverMembership>($"""
            SELECT tenant_id AS "TenantId", driver_id AS "DriverId" FROM ops.find_driver_memberships({phone}::text)
            """).ToListAsync()).Select(r => (r.TenantId, r.DriverId)).ToList();

    private sealed record DriverMembership(int TenantId, Guid DriverId);
}
