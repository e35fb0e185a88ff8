using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

/// <summary>
/// Migrations are SQL-first with no model snapshot, so this takes the place of EF's pending-model check:
/// every mapped entity is queried with all of its mapped columns against the migrated schema.
/// </summary>
public sealed class ModelMatchesSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string> EntityTypes()
    {
        using var db = OpsDataServiceCollectionExtensions.CreateOwnerContext("Host=unused");
        var data = new TheoryData<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned())) data.Add(entity.ClrType.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public async Task Every_mapped_column_of_the_entity_exists(string clrTypeName)
    {
        await using var db = fixture.Database.CreateOwnerContext();
        var entity = db.Model.GetEntityTypes().Single(e => e.ClrType.FullName == clrTypeName);
        var query = (IQueryable<object>)typeof(ModelMatchesSchemaTests).GetMethod(nameof(All), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [db])!;

        var rows = await query.Take(1).ToListAsync();

        rows.Count.ShouldBeLessThanOrEqualTo(1);
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema()!;
        foreach (var property in entity.GetProperties())
        {
            var column = property.GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, schema));
            var exists = await fixture.Database.ScalarAsync<long>(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3",
                schema, table, column!);
            exists.ShouldBe(1L, $"{schema}.{table}.{column} ({entity.ClrType.Name}.{property.Name})");
        }
    }

    [Fact]
    public void The_model_maps_every_table_of_the_ops_schema_that_the_application_reads()
    {
        using var db = fixture.Database.CreateOwnerContext();
        var mapped = db.Model.GetEntityTypes().Select(e => $"{e.GetSchema()}.{e.GetTableName()}").ToHashSet();
        foreach (var table in new[] { "ops.tenants", "ops.pairing_invites", "ops.identities", "ops.threads", "ops.events", "ops.drafts",
                     "ops.tickets", "ops.drivers", "ops.broadcast_templates", "ops.broadcast_subscriptions", "ops.notifications",
                     "ops.ingest_dedup", "ops.webhook_logs", "auth.users", "auth.roles", "auth.permissions", "auth.role_permissions" })
            mapped.ShouldContain(table);
    }

    private static IQueryable<object> All<T>(OpsDbContext db) where T : class => db.Set<T>().IgnoreQueryFilters().AsNoTracking();
}
