using Npgsql;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>The connection strings of a database made for one test class or bench run.</summary>
internal sealed record ThrowawayDatabase(string Name, string OwnerConnectionString, string AppConnectionString);

/// <summary>
/// Creating and dropping throwaway databases in the cluster ConnectionStrings__Migrations points at (scripts/db.sh's
/// private cluster). Shared by the tests and the bench (as a linked source file; internal, so each has its own copy).
/// </summary>
internal static class ThrowawayDatabases
{
    /// <summary>An empty database named <paramref name="prefix"/> + a random suffix, which the runtime role may use.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string prefix)
    {
        var owner = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Migrations"));
        var app = new NpgsqlConnectionStringBuilder(Required("ConnectionStrings__Default"));
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
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
        return new ThrowawayDatabase(name, owner.ConnectionString, app.ConnectionString);
    }

    /// <summary>Drops the database; one that stays in use is left behind with a line on stderr, never an exception.</summary>
    public static async Task DropAsync(ThrowawayDatabase database)
    {
        NpgsqlConnection.ClearAllPools();
        var owner = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database.Name} WITH (FORCE)", connection);
        // FORCE may not terminate an autovacuum worker that happens to be in the database (only a superuser may);
        // it finishes within moments, so try again for a while.
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
                    // A leftover database in a throwaway cluster harms nobody; failing a test class or a run for it would.
                    await System.Console.Error.WriteLineAsync($"Database {database.Name} was left behind: {ex.MessageText}");
                    return;
                }
                await Task.Delay(250);
            }
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run through ./test.sh or bench/run.sh (they start PostgreSQL), or eval \"$(scripts/db.sh env)\" first.");
}
