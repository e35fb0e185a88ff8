using System.Text.RegularExpressions;
using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>create_ticket_draft(title, vehicle_plate?) checked against the message it claims to summarise.</summary>
public static class TicketDraftArguments
{
    /// <summary>TicketService's limit; a longer title would only fail at CONFIRM.</summary>
    public const int MaxTitleLength = 200;

    private const int MaxPlateLength = 20;

    public static MessageReading Read(ToolArguments arguments, string message)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(message);
        var title = arguments.RequiredString("title", MaxTitleLength);
        var plate = arguments.OptionalString("vehicle_plate", MaxPlateLength) is { } written ? PlateWrittenIn(message, written) : null;

        // The description is the message as written, as with the rules: the model summarises, it never rewrites
        // what the dispatcher reported.
        var ticket = new TicketRequest(title, message.Trim(), plate);
        return new MessageReading(MessageIntent.CreateTicket) { Ticket = ticket };
    }

    /// <summary>
    /// The plate in the normalised "W-1234" form, but only if the dispatcher wrote it: a plate the model made up
    /// would put a ticket on the wrong vehicle.
    /// </summary>
    private static string PlateWrittenIn(string message, string written)
    {
        var key = LettersAndDigits(written);
        var inMessage = PlateRecognizer.FindAll(message).FirstOrDefault(p => LettersAndDigits(p.Normalized) == key);
        if (inMessage is not null)
            return inMessage.Normalized;

        // The rules may not see a plate written without separator ("W1234" with no "LKW" before it); accept the
        // model's reading of it when it is a plate and those characters are in the message.
        var plates = PlateRecognizer.FindAll(written);
        if (plates.Count == 1 && IsWrittenIn(message, plates[0].Normalized))
            return plates[0].Normalized;

        throw new ToolArgumentException(
            $"vehicle_plate {ToolArgumentException.Quote(written)} is not a licence plate written in the message; leave it out if the message names none.");
    }

    /// <summary>The plate's letters and digits in order, spaced or hyphenated any way, as a whole word of the message.</summary>
    private static bool IsWrittenIn(string message, string plate)
    {
        var characters = LettersAndDigits(plate).Select(c => Regex.Escape(c.ToString()));
        var pattern = @"(?<![\p{L}\p{N}])" + string.Join(@"[\s\-.]*", characters) + @"(?![\p{L}\p{N}])";
        return Regex.IsMatch(message, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string LettersAndDigits(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToUpperInvariant();
}
