namespace OpsCopilot.Web.Features.Shared;

/// <summary>How the console writes phone numbers (times: TenantTime, in the tenant's time zone).</summary>
public static class ConsoleFormat
{
    /// <summary>E.164 digits as people write them: "+436641000001".</summary>
    public static string Phone(string digits) => digits.StartsWith('+') ? digits : "+" + digits;
}
