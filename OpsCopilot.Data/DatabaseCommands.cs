using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data;

/// <summary>
/// Raw commands on the context's own connection and transaction, for what EF cannot say: conditional
/// UPDATE … RETURNING (the claims that decide exactly-once) and scalar functions.
/// </summary>
public static class DatabaseCommands
{
    public static async Task<List<T>> QueryColumnAsync<T>(this OpsDbContext db, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        await using var command = await CreateAsync(db, sql, parameters, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public static async Task<T> ScalarAsync<T>(this OpsDbContext db, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        await using var command = await CreateAsync(db, sql, parameters, cancellationToken);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is T typed ? typed : throw new InvalidOperationException($"Expected {typeof(T).Name} from: {sql}");
    }

    /// <summary>
    /// Switches the scope to <paramref name="tenantId"/> and runs <paramref name="sql"/> (positional parameters $1 …)
    /// under it in the same round trip: the connection's set_config and the statement go as one batch, in this order,
    /// so row-level security already sees the new tenant. Returns the statement's single row.
    /// </summary>
    public static async Task<T> UseTenantWithAsync<T>(this OpsDbContext db, int tenantId, string sql, IReadOnlyList<object?> parameters,
        Func<DbDataReader, T> readRow, CancellationToken cancellationToken)
    {
        db.Tenant.Use(tenantId);
        // Opening runs the tenant interceptor with the new tenant already; an open connection gets it in the batch.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        var setTenant = new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, false)");
        setTenant.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString(CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(setTenant);
        batch.BatchCommands.Add(Statement(sql, parameters));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.NextResultAsync(cancellationToken) || !await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("Expected one row from: " + sql);
        var row = readRow(reader);
        if (await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("Expected one row, got more, from: " + sql);
        return row;
    }

    /// <summary>
    /// Opens the context's connection and runs <paramref name="sql"/> (positional parameters $1 …) in the round trip
    /// that sets the session up: the tenant interceptor's statement first, in the same batch, so the role, the tenant
    /// and durable commits hold before the statement runs, exactly as on EF's own open. Returns the statement's first
    /// row, or null when it has none. On a connection that is open already it is just the statement.
    /// </summary>
    public static async Task<T?> OpenWithAsync<T>(this OpsDbContext db, string sql, IReadOnlyList<object?> parameters,
        Func<DbDataReader, T> readRow, CancellationToken cancellationToken) where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        if (connection.State == ConnectionState.Open)
        {
            batch.BatchCommands.Add(Statement(sql, parameters));
            await using var plain = await batch.ExecuteReaderAsync(cancellationToken);
            return await plain.ReadAsync(cancellationToken) ? readRow(plain) : null;
        }

        var setup = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
                        .OfType<TenantConnectionInterceptor>().SingleOrDefault()
                    ?? throw new InvalidOperationException("OpenWithAsync needs the runtime's context (TenantConnectionInterceptor).");
        // Opened here, not through EF, so the interceptor does not run its statement alone; EF then uses the open
        // connection as it is (and closes it with the context).
        await connection.OpenAsync(cancellationToken);
        batch.BatchCommands.Add(setup.CreateSetupCommand());
        batch.BatchCommands.Add(Statement(sql, parameters));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("No result from: " + sql);
        return await reader.ReadAsync(cancellationToken) ? readRow(reader) : null;
    }

    private static NpgsqlBatchCommand Statement(string sql, IReadOnlyList<object?> parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return statement;
    }

    private static async Task<DbCommand> CreateAsync(OpsDbContext db, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
