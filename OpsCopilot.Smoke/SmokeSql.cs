using Npgsql;
using OpsCopilot.Data;

namespace OpsCopilot.Smoke;

/// <summary>The runbook's own SQL (§1 and §3), each statement in a read-only transaction: the smoke test never writes here.</summary>
public sealed class SmokeSql(string databaseUrl)
{
    private readonly string connectionString = databaseUrl.Contains("://", StringComparison.Ordinal)
        ? PostgresConnectionStrings.FromUrl(databaseUrl)
        : databaseUrl;

    /// <summary>SELECT check_name, status FROM ops.verify_ops_copilot_integrity(): the checks that did not PASS.</summary>
    public async Task<List<string>> FailedIntegrityChecksAsync()
    {
        var failed = new List<string>();
        var rows = 0;
        await ReadAsync("SELECT check_name, status, detail FROM ops.verify_ops_copilot_integrity()", [], reader =>
        {
            rows++;
            if (reader.GetString(1) != "PASS") failed.Add($"{reader.GetString(0)}={reader.GetString(1)} ({(reader.IsDBNull(2) ? "" : reader.GetString(2))})");
        });
        if (rows == 0) failed.Add("no rows");
        return failed;
    }

    public Task<long> DraftCommittedEventsAsync(Guid draftId) => CountAsync(
        "SELECT count(*) FROM ops.events WHERE event_type = 'DRAFT_COMMITTED' AND payload->>'draft_id' = $1", draftId.ToString());

    public Task<long> MessageInEventsAsync(string messageId) => CountAsync(
        "SELECT count(*) FROM ops.events WHERE event_type = 'MESSAGE_IN' AND payload->>'message_id' = $1", messageId);

    public Task<long> DedupRecordsAsync(string idempotencyKey) => CountAsync(
        "SELECT count(*) FROM ops.ingest_dedup WHERE idempotency_key = $1", idempotencyKey);

    private async Task<long> CountAsync(string sql, string parameter)
    {
        long count = -1;
        await ReadAsync(sql, [parameter], reader => count = reader.GetInt64(0));
        return count;
    }

    private async Task ReadAsync(string sql, object[] parameters, Action<NpgsqlDataReader> row)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) row(reader);
        await transaction.RollbackAsync();
    }
}
