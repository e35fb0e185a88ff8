using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_step_down_and_up_again()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateOwnerContext();

        (await db.Database.GetAppliedMigrationsAsync()).ShouldBeEmpty();
        var all = db.Database.GetMigrations().ToList();
        all.Count.ShouldBeGreaterThanOrEqualTo(3);

        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(all[1]);
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(all.Take(2));
        (await database.ScalarAsync<string>("SELECT to_regclass('ops.ingest_dedup')::text")).ShouldBeNull();
        (await database.ScalarAsync<string>("SELECT to_regclass('ops.drafts')::text")).ShouldBe("ops.drafts");

        await migrator.MigrateAsync();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(all);
        (await database.ScalarAsync<string>("SELECT to_regclass('ops.ingest_dedup')::text")).ShouldBe("ops.ingest_dedup");

        // Down to the first step and back up: the Down scripts are real.
        await migrator.MigrateAsync(all[0]);
        (await database.ScalarAsync<string>("SELECT to_regclass('ops.drafts')::text")).ShouldBeNull();
        await migrator.MigrateAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Migrating_twice_is_a_no_op()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateOwnerContext();
        await db.Database.MigrateAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    /// <summary>
    /// A migration class without [DbContext] is silently skipped by EF (a merge once dropped it from 0011, and 0013 then
    /// failed on a fresh database): every SqlMigration in the assembly, and every script beside them, is one EF applies.
    /// </summary>
    [Fact]
    public void Every_migration_class_and_script_is_one_the_context_applies()
    {
        using var db = OpsCopilot.Data.OpsDataServiceCollectionExtensions.CreateOwnerContext("Host=127.0.0.1;Database=unused");
        var applied = db.Database.GetMigrations().ToList();
        var declared = typeof(OpsCopilot.Data.Migrations.SqlMigration).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(OpsCopilot.Data.Migrations.SqlMigration)) && !t.IsAbstract)
            .Select(t => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<MigrationAttribute>(t)?.Id ?? t.Name)
            .ToList();
        applied.ShouldBe(declared, ignoreOrder: true);
        var scripts = typeof(OpsCopilot.Data.Migrations.SqlMigration).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        applied.Count.ShouldBe(scripts);
    }
}
