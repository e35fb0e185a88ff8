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
    /// Opens the context's connection and runs <paramref name="statements"/> (positional parameters $1 …) in the round
    /// trip that sets the session up: the tenant interceptor's statement first, in the same batch, so the role, the
    /// tenant and durable commits hold before anything else runs, exactly as on EF's own open. <paramref name="read"/>
    /// gets the reader on the first statement's result. The connection must be closed, and so outside a transaction:
    /// the batch commits on its own, and a set-up inside a transaction would be undone by its rollback.
    /// </summary>
    public static async Task<T> OpenWithAsync<T>(this OpsDbContext db, IReadOnlyList<NpgsqlBatchCommand> statements,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Closed)
            throw new InvalidOperationException("OpenWithAsync opens the connection: call it before anything else on the context.");
        var setup = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
                        .OfType<TenantConnectionInterceptor>().SingleOrDefault()
                    ?? throw new InvalidOperationException("OpenWithAsync needs the runtime's context (TenantConnectionInterceptor).");
        // Opened here, not through EF, so the interceptor does not run its statement alone; EF then uses the open
        // connection as it is (and closes it with the context).
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(setup.CreateSetupCommand());
            foreach (var statement in statements) batch.BatchCommands.Add(statement);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("No result after the session's set-up.");
            return await read(reader, cancellationToken);
        }
        catch
        {
            // A failed batch is rolled back whole, set-up included: nothing may use this session as it is now.
            await connection.CloseAsync();
            throw;
        }
    }

    /// <summary>One statement of a batch, with positional parameters ($1 …).</summary>
    public static NpgsqlBatchCommand Statement(string sql, params IReadOnlyList<object?> parameters)
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
