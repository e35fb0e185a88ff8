using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsCopilot.Data;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// A throwaway database in the private cluster that ./test.sh starts (scripts/db.sh), migrated by EF's
/// migrator as the owner. Tests connect as the owner (sees every tenant) or as ops_app (under RLS).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string ownerConnectionString, string appConnectionString)
    {
        Name = name;
        OwnerConnectionString = ownerConnectionString;
        AppConnectionString = appConnectionString;
    }

    public string Name { get; }
    public string OwnerConnectionString { get; }
    public string AppConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var created = await ThrowawayDatabases.CreateAsync("ops_test_");
        // Two test classes run at once and each may fire a hundred parallel requests: capped pools keep the whole suite
        // inside the cluster's max_connections (200), so a burst waits in the pool instead of being refused by the server.
        var owner = new NpgsqlConnectionStringBuilder(created.OwnerConnectionString) { MaxPoolSize = 20 };
        var app = new NpgsqlConnectionStringBuilder(created.AppConnectionString) { MaxPoolSize = 40 };
        var database = new TestDatabase(created.Name, owner.ConnectionString, app.ConnectionString);
        if (migrate)
        {
            await using var db = database.CreateOwnerContext();
            await db.Database.MigrateAsync();
        }
        return database;
    }

    public OpsDbContext CreateOwnerContext() => OpsDataServiceCollectionExtensions.CreateOwnerContext(OwnerConnectionString);

    public async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Waits (bounded at 30 s, polling) until a statement waits on a lock the given backend holds: the test then knows
    /// the work it started has reached the database and is held there.
    /// </summary>
    public async Task WaitUntilBlockedByAsync(int holderPid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", holderPid) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No statement waited on backend {holderPid}'s lock within 30 s.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() =>
        await ThrowawayDatabases.DropAsync(new ThrowawayDatabase(Name, OwnerConnectionString, AppConnectionString));
}
