using Npgsql;

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

    public static async Task<BenchDatabase> CreateAsync(bool keep)
    {
        var owner = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Migrations"));
        var app = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Default"));
        var name = "ops_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(owner.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
            await using var grant = new NpgsqlCommand($"GRANT CONNECT, TEMP ON DATABASE {name} TO {app.Username}", connection);
            await grant.ExecuteNonQueryAsync();
        }

        owner.Database = name;
        app.Database = name;
        return new BenchDatabase(name, owner.ConnectionString, app.ConnectionString, keep);
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
        NpgsqlConnection.ClearAllPools();
        if (keep) return;
        var owner = new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                // An autovacuum worker in the database cannot be terminated by a non-superuser; it finishes quickly.
                await Task.Delay(250);
            }
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run through bench/run.sh, or eval \"$(scripts/db.sh env)\" first.");
}
