using Npgsql;

namespace OpsCopilot.Faults;

/// <summary>What the database holds after a scenario, read as the owner once everything has recovered.</summary>
internal sealed class Ledger(string ownerConnectionString)
{
    /// <summary>MESSAGE_IN events per message id, for the given ids.</summary>
    public async Task<Dictionary<string, long>> MessagesInAsync(IReadOnlyCollection<string> messageIds)
    {
        const string sql = "SELECT payload->>'message_id', count(*) FROM ops.events " +
                           "WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = ANY($1) GROUP BY 1";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = messageIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Drafts half-way (COMMITTING) and committed drafts without exactly one ticket: neither may exist.</summary>
    public async Task<(long Stuck, long TicketMismatches)> DraftIntegrityAsync()
    {
        await using var connection = await OpenAsync();
        var stuck = await ScalarAsync(connection, "SELECT count(*) FROM ops.drafts WHERE status = 'COMMITTING'");
        var mismatches = await ScalarAsync(connection, """
            SELECT count(*) FROM ops.drafts d
            WHERE d.action_type = 'CREATE_TICKET'
              AND (d.status = 'COMMITTED') <> EXISTS (SELECT 1 FROM ops.tickets t WHERE t.draft_id = d.id)
            """);
        return (stuck, mismatches);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        return await ScalarAsync(connection, sql, parameters);
    }

    public async Task<T?> ValueAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Unpooled: the cluster is restarted under the suite, and a pooled connection would be a dead one.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
