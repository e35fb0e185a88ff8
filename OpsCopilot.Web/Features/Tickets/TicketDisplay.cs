using OpsCopilot.Data.Tickets;
using Radzen;

namespace OpsCopilot.Web.Features.Tickets;

public static class TicketDisplay
{
    public static BadgeStyle StatusStyle(string status) => status switch
    {
        TicketStatus.Open => BadgeStyle.Danger,
        TicketStatus.InProgress => BadgeStyle.Warning,
        TicketStatus.Resolved => BadgeStyle.Success,
        _ => BadgeStyle.Light,
    };
}
