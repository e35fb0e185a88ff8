using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Audit;
using OpsCopilot.Data.Search;

namespace OpsCopilot.Data.Tickets;

public sealed class TicketService(OpsDbContext db)
{
    /// <summary>
    /// The console's ticket list: optional status, and a text that matches the number ("12", "#12"), the title, the
    /// description or the plate, or names the person who asked (their name, email or phone number: the ticket's
    /// creator or the conversation its draft came from). Each row carries the conversation thread of its draft.
    /// </summary>
    /// <remarks>
    /// A tenant has thousands of tickets, not millions: the text conditions filter the tenant's rows newest first
    /// (ux (tenant_id, ticket_number)); the people are found first in the small users/drivers tables (ConsoleSearch).
    /// </remarks>
    public async Task<Page<TicketListItem>> SearchAsync(string? status, string? text, int page, int pageSize, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            if (!TicketStatus.All.Contains(status)) throw OpsException.Invalid("status", $"status must be one of {string.Join(", ", TicketStatus.All)}.");
            tickets = tickets.Where(t => t.Status == status);
        }
        if (SearchText.Parse(text) is { } search)
        {
            var pattern = search.Pattern;
            var number = search.TicketNumber;
            var people = await db.FindPeopleAsync(search, cancellationToken);
            var users = people.UserIds;
            var threads = people.ThreadIds;
            tickets = tickets.Where(t => t.TicketNumber == number || EF.Functions.ILike(t.Title, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(t.Description, pattern, LikePatterns.Escape)
                || (t.VehiclePlate != null && EF.Functions.ILike(t.VehiclePlate, pattern, LikePatterns.Escape))
                || (t.CreatedBy != null && users.Contains(t.CreatedBy.Value))
                || db.Drafts.Any(d => d.Id == t.DraftId
                                      && ((d.ThreadId != null && threads.Contains(d.ThreadId.Value)) || (d.CreatedBy != null && users.Contains(d.CreatedBy.Value)))));
        }
        var (total, capped) = await tickets.OrderByDescending(t => t.TicketNumber).CountCappedAsync(cancellationToken);
        var items = await (
                from t in tickets
                join d in db.Drafts on t.DraftId equals d.Id into fromDraft
                from d in fromDraft.DefaultIfEmpty()
                orderby t.TicketNumber descending
                select new TicketListItem(t, d == null ? null : d.ThreadId))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<TicketListItem>(items, total, page, pageSize, capped);
    }

    public Task<Ticket?> FindByNumberAsync(int ticketNumber, CancellationToken cancellationToken) =>
        db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.TicketNumber == ticketNumber, cancellationToken);

    /// <summary>Writes a ticket with the tenant's next number, in the caller's transaction.</summary>
    public async Task<Ticket> AddAsync(string title, string description, string? plate, Guid? draftId, Guid? createdBy, CancellationToken cancellationToken)
    {
        title = title.Trim();
        if (title.Length is 0 or > 200) throw OpsException.Invalid("title", "The title must be 1 to 200 characters.");
        if (description.Length > 4000) throw OpsException.Invalid("description", "The description must be at most 4000 characters.");
        var number = await db.ScalarAsync<int>("SELECT ops.next_ticket_number()", [], cancellationToken);
        var ticket = new Ticket
        {
            TenantId = db.Tenant.Required, TicketNumber = number, DraftId = draftId, Title = title,
            Description = description, VehiclePlate = string.IsNullOrWhiteSpace(plate) ? null : plate.Trim(), CreatedBy = createdBy,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(EventTypes.TicketCreated, new { ticket_id = ticket.Id, ticket_number = number, draft_id = draftId, title, vehicle_plate = ticket.VehiclePlate });
        await db.SaveChangesAsync(cancellationToken);
        return ticket;
    }

    public async Task<Ticket> ChangeStatusAsync(int ticketNumber, string status, Guid? by, CancellationToken cancellationToken)
    {
        if (!TicketStatus.All.Contains(status)) throw OpsException.Invalid("status", $"status must be one of {string.Join(", ", TicketStatus.All)}.");
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.TicketNumber == ticketNumber, cancellationToken)
            ?? throw OpsException.NotFound($"Ticket #{ticketNumber}");
        if (ticket.Status == status) return ticket;
        var previous = ticket.Status;
        ticket.Status = status;
        ticket.UpdatedAt = DateTimeOffset.UtcNow;
        db.Record(EventTypes.TicketStatusChanged, new { ticket_id = ticket.Id, ticket_number = ticketNumber, from = previous, to = status, by });
        await db.SaveChangesAsync(cancellationToken);
        return ticket;
    }
}
