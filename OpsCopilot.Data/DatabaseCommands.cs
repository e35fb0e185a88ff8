using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
