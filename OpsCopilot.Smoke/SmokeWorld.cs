using OpsCopilot.Data.Security;

namespace OpsCopilot.Smoke;

/// <summary>
/// What the smoke test owns in the admin's tenant, found by these names and reused on every run: a driver and a
/// template that say what they are, and two of the tenant's reserved test numbers (<see cref="SimulatorNumbers"/>:
/// +999, an unassigned country code), which the outbox hands to its sink instead of the gateway.
/// </summary>
public sealed record SmokeWorld(int TenantId)
{
    public const string DriverName = "Smoketest Opscopilot";
    public const string TemplateKey = "smoke_check";
    public const string TemplateBody = "Ops Copilot smoke test for {{driver_name}} ({{date}} {{time}}): please ignore.";
    public static readonly IReadOnlyList<string> TemplateParams = ["driver_name", "date", "time"];

    // Six-digit suffixes far from the simulator's usual picks (+999…000001), so the smoke test never unpairs an
    // admin's own simulator phone.
    private const int DispatcherSuffix = 987_641;
    private const int DriverSuffix = 987_652;

    public const string TicketRequest = "Smoketest: LKW W-1234 hat Bremsenproblem";
    public const string TicketTitleWord = "Bremsenproblem";
    public const string BroadcastRequest = "Smoke check an " + DriverName + " für morgen 06:00";
    public const string DuplicateTestBody = "Duplicate test";

    /// <summary>The smoke dispatcher's phone: paired to the signed-in admin for the run, unpaired at the end.</summary>
    public string DispatcherPhone => SimulatorNumbers.For(TenantId, DispatcherSuffix);

    /// <summary>The smoke driver's phone, the broadcast's only recipient.</summary>
    public string DriverPhone => SimulatorNumbers.For(TenantId, DriverSuffix);
}
