using Npgsql;
using OpsCopilot.Data;
using Microsoft.EntityFrameworkCore;

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
        var owner = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Migrations"));
        var app = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Default"));
        var name = "ops_test_" + Guid.NewGuid().ToString("N")[..12];

        await using (var connection = new NpgsqlConnection(owner.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}; ", connection);
            await create.ExecuteNonQueryAsync();
            await using var grant = new NpgsqlCommand($"GRANT CONNECT, TEMP ON DATABASE {name} TO ops_app", connection);
            await grant.ExecuteNonQueryAsync();
        }

        owner.Database = name;
        app.Database = name;
        var database = new TestDatabase(name, owner.ConnectionString, app.ConnectionString);
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var owner = new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        // FORCE may not terminate an autovacuum worker that happens to be in the database (only a superuser
        // may); it finishes within moments, so try again for a while.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt >= 40)
                {
                    // A leftover database in the test cluster harms no test; failing the class for it would.
                    await System.Console.Error.WriteLineAsync($"Test database {Name} was left behind: {ex.MessageText}");
                    return;
                }
                await Task.Delay(250);
            }
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests through ./test.sh (it starts PostgreSQL and exports it).");
}
