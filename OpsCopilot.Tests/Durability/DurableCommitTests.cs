using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Durability;

/// <summary>
/// Every commit the product acknowledges is on disk first, whatever the server's default: a deployment's PostgreSQL may
/// run with synchronous_commit = off, and a crash then loses commits that were already answered "processed".
/// </summary>
public sealed class DurableCommitTests
{
    [Fact]
    public async Task Runtime_sessions_commit_durably_where_the_server_default_is_off_and_the_setting_costs_no_extra_statement()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnpooledAsync(database, $"ALTER DATABASE {database.Name} SET synchronous_commit = off");
        // The control: a new plain session on this database starts with commits a crash may lose.
        (await PlainSessionSettingAsync(database)).ShouldBe("off");

        await using var runtime = new RuntimeScopes(database);
        for (var open = 1; open <= 2; open++)
        {
            var (scope, db) = runtime.For(tenantId: null);
            await using (scope)
            {
                using var commands = new NpgsqlCommandRecorder();
                var setting = await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();

                setting.ShouldBe("on", $"open {open}");
                // Role, tenant and durability are one statement on open, as role and tenant alone were before.
                var settings = commands.Texts.Where(t => t.Contains("set_config", StringComparison.Ordinal)).ShouldHaveSingleItem();
                settings.ShouldContain("'role'");
                settings.ShouldContain("'app.tenant_id'");
                settings.ShouldContain("'synchronous_commit', 'on'");
                commands.Texts.Count(t => t.Contains("synchronous_commit", StringComparison.Ordinal)).ShouldBe(2, "the setting and the query reading it");
                if (open == 2) commands.Texts.Count.ShouldBe(2, "a pooled connection: the one statement on open, then the query");
            }
        }
    }

    [Fact]
    public async Task The_owner_connections_of_the_cli_verbs_and_migrations_commit_durably_too()
    {
        // Not migrated: no owner session may exist from before the ALTER (a pooled one would keep the old default).
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await UnpooledAsync(database, $"ALTER DATABASE {database.Name} SET synchronous_commit = off");
        (await PlainSessionSettingAsync(database)).ShouldBe("off");

        await using (var migrator = database.CreateOwnerContext())
            (await migrator.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync()).ShouldBe("on");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = database.AppConnectionString,
            ["ConnectionStrings:Migrations"] = database.OwnerConnectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddOpsAdministration(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var verbs = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        (await verbs.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync()).ShouldBe("on");
    }

    private static async Task<string?> PlainSessionSettingAsync(TestDatabase database) =>
        (string?)await UnpooledAsync(database, "SHOW synchronous_commit");

    /// <summary>On a session of its own: a pooled owner session would carry its settings into the code under test.</summary>
    private static async Task<object?> UnpooledAsync(TestDatabase database, string sql)
    {
        var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
