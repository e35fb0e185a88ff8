namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Works out who a broadcast goes to: everyone ("an alle Fahrer"), or the drivers named in the message.
/// Names after "an"/"to" (lists joined by "und", "and" or commas) are recipients, and those that match no
/// driver, or several, are reported as unresolved so the dispatcher can be asked. Elsewhere in the message
/// a driver's full name, or a capitalised first or last name only one driver has, also counts.
/// </summary>
public static class RecipientResolver
{
    public static RecipientResolution Resolve(
        IReadOnlyList<MessageToken> tokens, IReadOnlyList<DriverRef> drivers, IReadOnlySet<int> templateWordIndexes)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(templateWordIndexes);
        if (AllDriversDetector.AddressesEveryone(tokens))
        {
            return new RecipientResolution(AllDrivers: true, [], []);
        }

        var collector = new RecipientCollector(tokens, DriverDirectory.Of(drivers), templateWordIndexes);
        collector.ReadAddressedNames();
        collector.ReadWrittenFullNames();
        collector.ReadLoneNames();
        var resolution = collector.ToResolution();
        return resolution.NamesAnyone || !AllDriversDetector.AddressesDriversAsAGroup(tokens)
            ? resolution
            : new RecipientResolution(AllDrivers: true, [], []);
    }
}
