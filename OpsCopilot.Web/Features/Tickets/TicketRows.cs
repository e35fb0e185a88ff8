using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Tickets;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Web.Features.Tickets;

/// <summary>A ticket as the Tickets page lists it: who asked for it (name and phone), and the conversation it came from.</summary>
public sealed record TicketRow(Ticket Ticket, Guid? ThreadId, DraftRequester? Requester);

/// <summary>The Tickets page's read: one page of the search, with the requesters of the drafts behind it.</summary>
public sealed class TicketRows(TicketService tickets, DraftCards cards, OpsDbContext db)
{
    public async Task<Page<TicketRow>> ListAsync(string? status, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var found = await tickets.SearchAsync(status, search, page, pageSize, cancellationToken);
        var draftIds = found.Items.Select(i => i.Ticket.DraftId).OfType<Guid>().ToList();
        var drafts = draftIds.Count == 0 ? [] : await db.Drafts.AsNoTracking().Where(d => draftIds.Contains(d.Id)).ToListAsync(cancellationToken);
        var requesters = (await cards.DescribeAsync(drafts, cancellationToken)).ToDictionary(c => c.Draft.Id, c => c.Requester);
        var rows = found.Items.Select(i => new TicketRow(i.Ticket, i.ThreadId,
            i.Ticket.DraftId is { } draftId ? requesters.GetValueOrDefault(draftId) : null)).ToList();
        return found.WithItems(rows);
    }
}
