using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Data.Tickets;

public sealed class Ticket : ITenantOwned
{
    public long Id { get; set; }
    public int TenantId { get; set; }
    /// <summary>Numbered per tenant from 1, as dispatchers say it ("Ticket #12").</summary>
    public int TicketNumber { get; set; }
    public Guid? DraftId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string? VehiclePlate { get; set; }
    public string Status { get; set; } = TicketStatus.Open;
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class TicketStatus
{
    public const string Open = "OPEN";
    public const string InProgress = "IN_PROGRESS";
    public const string Resolved = "RESOLVED";
    public const string Closed = "CLOSED";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Resolved, Closed];
}

/// <summary>A ticket as the console lists it, with the conversation its draft came from (if any).</summary>
public sealed record TicketListItem(Ticket Ticket, Guid? ThreadId);
