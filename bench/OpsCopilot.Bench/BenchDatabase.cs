using Npgsql;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Bench;

/// <summary>
/// A fresh database for one bench run in the cluster ConnectionStrings__Migrations points at (scripts/db.sh's private
/// cluster), so ingest and baseline share one PostgreSQL and start from the same empty schema.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly bool keep;

    private BenchDatabase(string name, string ownerConnectionString, string appConnectionString, bool keep)
    {
        Name = name;
        OwnerConnectionString = ownerConnectionString;
        AppConnectionString = appConnectionString;
        this.keep = keep;
    }

    public string Name { get; }
    public string OwnerConnectionString { get; }
    public string AppConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(bool keep, string prefix = "ops_bench_")
    {
        var created = await ThrowawayDatabases.CreateAsync(prefix);
        return new BenchDatabase(created.Name, created.OwnerConnectionString, created.AppConnectionString, keep);
    }

    /// <summary>One value as the owner, working for <paramref name="tenantId"/> (row-level security is forced for the owner too).</summary>
    public async Task<T> ScalarAsync<T>(int tenantId, string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            scope.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await scope.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Statements as the owner for <paramref name="tenantId"/> (bulk rows for the console measurement).</summary>
    public async Task ExecuteAsOwnerAsync(int tenantId, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Options = $"-c app.tenant_id={tenantId}", CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsAppAsync(int tenantId, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(AppConnectionString) { Options = $"-c app.tenant_id={tenantId}" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (keep)
        {
            NpgsqlConnection.ClearAllPools();
            return;
        }
        await ThrowawayDatabases.DropAsync(new ThrowawayDatabase(Name, OwnerConnectionString, AppConnectionString));
    }
}
