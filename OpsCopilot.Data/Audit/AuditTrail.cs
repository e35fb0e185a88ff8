namespace OpsCopilot.Data.Audit;

/// <summary>Appends ops.events rows in the caller's unit of work, so an event commits with the change it records.</summary>
public static class AuditTrail
{
    public static OpsEvent Record(this OpsDbContext db, string eventType, object payload, Guid? threadId = null)
    {
        var entry = new OpsEvent
        {
            TenantId = db.Tenant.Required,
            ThreadId = threadId,
            EventType = eventType,
            Payload = Json.Serialize(payload),
        };
        db.Events.Add(entry);
        return entry;
    }
}
