using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OpsCopilot.Data.Tenancy;

/// <summary>
/// Every time a (pooled) connection is handed to EF, switch to the least-privilege runtime role, set the scope's
/// tenant and make its commits durable. All three are set on each open, in one statement (one round trip), so a
/// pooled connection never carries the previous tenant and a server whose default is <c>synchronous_commit = off</c>
/// never acknowledges a commit that a crash could still lose.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantContext tenant, string runtimeRole) : DbConnectionInterceptor
{
    private const string Sql = "SELECT set_config('role', $1, false), set_config('app.tenant_id', $2, false), "
                               + DurableCommits.SetConfig;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The same statement as the first command of a batch, for a caller that opens the connection itself and sends its
    /// own first statement in the same round trip (<see cref="DatabaseCommands.OpenWithAsync{T}"/>): nothing may run on
    /// a freshly opened connection before it.
    /// </summary>
    public NpgsqlBatchCommand CreateSetupCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        AddParameters(command.Parameters);
        return command;
    }

    private NpgsqlCommand CreateCommand(DbConnection connection)
    {
        var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection);
        AddParameters(command.Parameters);
        return command;
    }

    private void AddParameters(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter { Value = runtimeRole });
        parameters.Add(new NpgsqlParameter { Value = tenant.TenantId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" });
    }
}
