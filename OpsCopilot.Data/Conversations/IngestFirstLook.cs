namespace OpsCopilot.Data.Conversations;

/// <summary>
/// What a message's first round trip learns: whether it is a redelivery of a message already committed (then the
/// first delivery's outcome is its whole answer), and who sent it.
/// </summary>
public sealed record IngestFirstLook(IngestOriginal? Original, SenderIdentity Sender)
{
    /// <summary>
    /// One round trip, before the transaction: opens the connection with the session's set-up, looks for a committed
    /// first delivery of the same sender (ops.ingest_outcome_for) and identifies the sender (ops.identify_sender, a
    /// read). A committed key is taken for good, so a found original makes this a duplicate for certain: no
    /// transaction, no claim. Not found, the claim in the transaction still decides, since a first delivery may be in
    /// flight. Both reads were made inside the transaction before, each with its own snapshot all the same.
    /// </summary>
    public static Task<IngestFirstLook> TakeAsync(OpsDbContext db, IngestKeys keys, string waUserId, CancellationToken cancellationToken) =>
        db.OpenWithAsync([IngestLedger.OriginalStatement(keys, waUserId), SenderDirectory.IdentifyStatement(waUserId)],
            async (reader, token) =>
            {
                var original = await IngestLedger.ReadOriginalAsync(reader, token);
                if (!await reader.NextResultAsync(token)) throw new InvalidOperationException("ops.identify_sender returned no result.");
                return new IngestFirstLook(original, await SenderDirectory.ReadIdentityAsync(reader, token));
            }, cancellationToken);
}
