using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Data.Conversations;

/// <summary>
/// A reading of the message made before its transaction (by a remote interpreter), handed to the router of the same
/// message. It counts only for the tenant and text it was made for; the router reads again otherwise.
/// </summary>
public sealed class PreparedReading
{
    private (int TenantId, string Text, MessageReading Reading)? prepared;

    public void Offer(int tenantId, string text, MessageReading reading) => prepared = (tenantId, text, reading);

    public MessageReading? For(int? tenantId, string text) =>
        prepared is { } p && p.TenantId == tenantId && string.Equals(p.Text, text, StringComparison.Ordinal) ? p.Reading : null;
}
