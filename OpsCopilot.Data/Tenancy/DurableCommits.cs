using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OpsCopilot.Data.Tenancy;

/// <summary>
/// Every commit the product reports to anyone (a webhook's 200, a confirm, a console action, an outbox row marked
/// sent, a CLI verb's "done") must survive a PostgreSQL crash, whatever the server's default. The setting is per
/// session and re-applied on every open: a pooled connection is reset (DISCARD ALL) when it is returned.
/// </summary>
public static class DurableCommits
{
    /// <summary>The expression the runtime interceptor folds into its one statement on open.</summary>
    public const string SetConfig = "set_config('synchronous_commit', 'on', false)";
}

/// <summary>The owner connections of the CLI verbs and migrations: only durability, no role or tenant switch.</summary>
public sealed class DurableCommitInterceptor : DbConnectionInterceptor
{
    private const string Sql = "SELECT " + DurableCommits.SetConfig;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
