namespace OpsCopilot.Data.Outbox;

/// <summary>
/// One notification as a sender sees it: already checked against the template and window rules, with the
/// template resolved to its WhatsApp name and its parameters in the template's order.
/// </summary>
/// <param name="Text">The TEXT body; for a TEMPLATE the rendered body_template, for gateways that forward text.</param>
/// <param name="RecipientLastInboundAt">When the recipient last wrote to us: opens WhatsApp's 24-hour window.</param>
/// <param name="Attempt">1 for the first try; re-sends after a crash keep the same idempotency key.</param>
public sealed record OutboundMessage(
    Guid NotificationId,
    int TenantId,
    string RecipientPhone,
    string Kind,
    string? Text,
    OutboundTemplate? Template,
    DateTimeOffset? RecipientLastInboundAt,
    int Attempt)
{
    /// <summary>The notification id: stable across retries and crash recovery, so the receiver can de-duplicate.</summary>
    public string IdempotencyKey => NotificationId.ToString();
}

/// <param name="Name">The name WhatsApp knows the template by (wa_template_name, else template_key).</param>
public sealed record OutboundTemplate(string Name, string Language, IReadOnlyList<TemplateParameter> Parameters);

/// <param name="Name">Null for positional parameters.</param>
public sealed record TemplateParameter(string? Name, string Value);
