using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Web.Features.Planner;

/// <summary>
/// Turns the names the model chose into drivers with the rules' own <see cref="DriverDirectory"/>, looking up only the
/// words of each name the dispatcher actually wrote. So the model may say which words are recipients and complete
/// "Stefan" to "Stefan Huber", but it can neither add a recipient nobody mentioned nor settle an ambiguous "Anna" by
/// guessing a surname. Everything that does not resolve to exactly one driver is reported as unresolved, and the
/// dispatcher is asked.
/// </summary>
public static class RecipientNames
{
    public static RecipientResolution Resolve(IReadOnlyList<string> names, string message, IReadOnlyList<DriverRef> drivers)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(drivers);
        if (names.Any(IsEveryone))
        {
            if (names.Count > 1)
                throw new ToolArgumentException($"recipients is either [\"{PlannerTools.AllDrivers}\"] or a list of names, not both.");
            return new RecipientResolution(AllDrivers: true, [], []);
        }

        var directory = new DriverDirectory(drivers);
        var written = MessageTokenizer.Tokenize(message).Select(t => t.Folded).ToHashSet(StringComparer.Ordinal);
        var resolved = new List<DriverRef>();
        var unresolved = new List<string>();
        foreach (var name in names)
        {
            if (Resolve(directory, name, written) is { } driver)
            {
                if (!resolved.Contains(driver)) resolved.Add(driver);
            }
            else if (!unresolved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                unresolved.Add(name);
            }
        }

        return new RecipientResolution(AllDrivers: false, resolved, unresolved);
    }

    private static DriverRef? Resolve(DriverDirectory directory, string name, HashSet<string> writtenWords)
    {
        var words = MessageTokenizer.Tokenize(name).Select(t => t.Folded).ToList();
        var byWrittenWords = directory.Lookup(words.Where(writtenWords.Contains).ToList());
        if (byWrittenWords.Outcome != NameLookupOutcome.Resolved)
            return null;

        // Defensive: when the model's full name is itself a driver, it has to be the same one the written words found.
        var byFullName = directory.Lookup(words);
        return byFullName.Outcome == NameLookupOutcome.Resolved && byFullName.Driver != byWrittenWords.Driver
            ? null
            : byWrittenWords.Driver;
    }

    private static bool IsEveryone(string name) => string.Equals(name, PlannerTools.AllDrivers, StringComparison.OrdinalIgnoreCase);
}
