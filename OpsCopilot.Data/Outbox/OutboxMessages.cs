namespace OpsCopilot.Data.Outbox;

/// <summary>
/// New outbox rows. Add them to the context of the transaction that decided to send (a draft's commit,
/// a reply), so the message exists exactly when that decision does; the worker sends it.
/// </summary>
public static class OutboxMessages
{
    public static Notification Text(int tenantId, string recipientPhone, string body, Guid? draftId = null, Guid? driverId = null) => new()
    {
        TenantId = tenantId,
        RecipientPhone = recipientPhone,
        Kind = NotificationKind.Text,
        Body = body,
        DraftId = draftId,
        DriverId = driverId,
    };

    /// <param name="templateName">The tenant's template_key (or its wa_template_name).</param>
    public static Notification Template(int tenantId, string recipientPhone, string templateName,
        IEnumerable<KeyValuePair<string, string>> parameters, string? language = null, Guid? draftId = null, Guid? driverId = null) => new()
    {
        TenantId = tenantId,
        RecipientPhone = recipientPhone,
        Kind = NotificationKind.Template,
        TemplateName = templateName,
        TemplateParams = TemplateParameters.Serialize(parameters),
        Language = language,
        DraftId = draftId,
        DriverId = driverId,
    };
}
