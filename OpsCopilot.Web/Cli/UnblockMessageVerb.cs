using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// The webhook runbook's "unblock idempotency on a specific message" (docs/runbooks.md, webhook §6): forget the message id so the gateway's next
/// delivery is processed again. Audited as IDEMPOTENCY_UNBLOCKED in the tenant the message belonged to.
/// </summary>
public static class UnblockMessageVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var messageId = context.Required("--message-id").Trim();
        if (messageId.Length == 0) throw new CliUsageException("--message-id must not be empty.");

        var db = context.Services.GetRequiredService<OpsDbContext>();
        var unblocked = await IngestLedger.UnblockAcrossTenantsAsync(db, messageId, CancellationToken.None);
        if (unblocked == 0)
        {
            await Console.Error.WriteLineAsync($"unblock-message: no processed message '{messageId}' is recorded (wrong id, or already purged).");
            return 1;
        }

        Console.WriteLine($"Unblocked message '{messageId}' ({unblocked} dedup row(s) removed); its next delivery is processed again.");
        return 0;
    }
}
