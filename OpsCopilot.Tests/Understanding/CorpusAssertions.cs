using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>Compares a reading with a corpus line the way shared/corpus/README.md defines.</summary>
public static class CorpusAssertions
{
    public static void TicketMatches(TicketRequest? ticket, CorpusExpectation expected, string why)
    {
        ticket.ShouldNotBeNull(why);
        ticket.Description.ShouldBe(expected.Text.Trim(), why);
        ticket.Title.Length.ShouldBeLessThanOrEqualTo(TicketTitleBuilder.MaxTitleLength, why);
        if (expected.HasPlateField)
        {
            PlateKey(ticket.VehiclePlate).ShouldBe(PlateKey(expected.Plate), why);
        }

        foreach (var word in expected.TitleContains)
        {
            ticket.Title.ShouldContain(word, Case.Insensitive, why);
        }
    }

    public static void BroadcastMatches(BroadcastRequest? broadcast, CorpusExpectation expected, string why)
    {
        broadcast.ShouldNotBeNull(why);
        broadcast.TemplateKey.ShouldBe(expected.TemplateKey, why);
        broadcast.AllDrivers.ShouldBe(expected.AllRecipients, why);
        broadcast.UnresolvedNames.ShouldBeEmpty(why);
        broadcast.Recipients.Select(d => d.FullName).Order(StringComparer.Ordinal)
            .ShouldBe(expected.RecipientNames.Order(StringComparer.Ordinal), why);
        broadcast.Date.ShouldBe(expected.Date, why);
        broadcast.Time.ShouldBe(expected.Time, why);
        if (expected.Route is not null)
        {
            broadcast.Params.GetValueOrDefault("route").ShouldBe(expected.Route, why);
        }
    }

    /// <summary>Plates compare on letters and digits only, ignoring case ("S 123 AB" = "s-123ab").</summary>
    public static string? PlateKey(string? plate) =>
        plate is null ? null : string.Concat(plate.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
