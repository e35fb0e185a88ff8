using System.Globalization;

namespace OpsCopilot.E2E.Infrastructure;

/// <summary>
/// Test data that cannot collide within a run: every call takes the next number of one process-wide sequence (the
/// host's database is new for each run). Random numbers collided now and then — two phones masked alike
/// (+436*******91) made a row locator match twice.
/// </summary>
public static class UniqueData
{
    private static int sequence;

    public static int Next() => Interlocked.Increment(ref sequence);

    /// <summary>E.164 digits: the prefix, then 8000000 plus the sequence (clear of the demo tenant's 1000001…; the last two digits differ for 100 numbers in a row).</summary>
    public static string Phone(string prefix = "43676") => prefix + (8_000_000 + Next()).ToString(CultureInfo.InvariantCulture);

    /// <summary>A number the console's simulator may speak as for the tenant: 999 (no country), the tenant id in six digits, then 100000 plus the sequence.</summary>
    public static string SimulatorPhone(int tenantId) =>
        "999" + tenantId.ToString("D6", CultureInfo.InvariantCulture) + (100_000 + Next()).ToString(CultureInfo.InvariantCulture);

    /// <summary>A Vienna plate no other test uses: W-7001, W-7002, …</summary>
    public static string Plate() => "W-" + (7000 + Next()).ToString(CultureInfo.InvariantCulture);

    /// <summary>The text with a suffix of the sequence, e.g. "Bremsenproblem LKW W-1234 #u00012" (fixed width: no text is the start of another).</summary>
    public static string Text(string text) => $"{text} #u{Next().ToString("D5", CultureInfo.InvariantCulture)}";

    public static string Masked(string digits) => "+" + digits[..3] + new string('*', digits.Length - 5) + digits[^2..];
}
