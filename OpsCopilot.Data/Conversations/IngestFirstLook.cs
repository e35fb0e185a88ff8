using Npgsql;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What a message's first round trip learns: whether it is a redelivery of a message already committed (then the
/// first delivery's outcome is its whole answer), and otherwise who sent it.
/// </summary>
public sealed record IngestFirstLook(IngestOriginal? Original, SenderIdentity Sender)
{
    /// <summary>
    /// The committed first delivery of the same sender (ops.ingest_outcome_for: the very row the claim answers a
    /// duplicate with); only when there is none, the sender (ops.identify_sender, a read). The scalar subquery over the
    /// original is a one-time filter that decides whether the sender is asked at all (a NOT EXISTS would become an
    /// anti-join that runs the lookup first), so a redelivery pays for no lookup it does not use.
    /// </summary>
    private const string Sql = """
        WITH original AS MATERIALIZED (
            SELECT thread_id, response ->> 'reply' AS reply
            FROM ops.ingest_outcome_for($1::text, $2::text, $3::text, $4::text)
        )
        SELECT 'original' AS kind, NULL::integer AS tenant_id, thread_id AS id, NULL::uuid AS user_id, reply FROM original
        UNION ALL
        SELECT s.kind, s.tenant_id, s.id, s.user_id, NULL FROM ops.identify_sender($4::text) AS s
        WHERE (SELECT count(*) FROM original) = 0
        """;

    /// <summary>
    /// One round trip, before the transaction: opens the connection with the session's set-up and runs
    /// <see cref="Sql"/>. A committed key is taken for good, so a found original makes this a duplicate for certain:
    /// no transaction, no claim. Not found, the claim in the transaction still decides, since a first delivery may be
    /// in flight. Both reads were made inside the transaction before, each with a snapshot of its own all the same.
    /// </summary>
    public static Task<IngestFirstLook> TakeAsync(OpsDbContext db, IngestKeys keys, string waUserId, CancellationToken cancellationToken) =>
        db.OpenWithAsync([DatabaseCommands.Statement(Sql, keys.IdempotencyKey, keys.MessageId, keys.ContentHash, waUserId)], ReadAsync, cancellationToken);

    private static async Task<IngestFirstLook> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        IngestOriginal? original = null;
        var sender = new List<SenderDirectory.SenderRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(0);
            if (kind == "original")
                original = new IngestOriginal(reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(4) ? null : reader.GetString(4));
            else
                sender.Add(new SenderDirectory.SenderRow(kind, reader.GetInt32(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3)));
        }
        return new IngestFirstLook(original, SenderDirectory.Compose(sender));
    }
}
