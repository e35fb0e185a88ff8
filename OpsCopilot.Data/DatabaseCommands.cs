using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        batch.BatchCommands.Add(statement);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.NextResultAsync(cancellationToken) || !await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("Expected one row from: " + sql);
        var row = readRow(reader);
        if (await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("Expected one row, got more, from: " + sql);
        return row;
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
