using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Web.Features.Users;

/// <summary>Describes the configured Identity password options to the person choosing a password (Identity still decides).</summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions options)
    {
        var needs = new List<string>();
        if (options.RequireUppercase) needs.Add("an uppercase letter");
        if (options.RequireLowercase) needs.Add("a lowercase letter");
        if (options.RequireDigit) needs.Add("a digit");
        if (options.RequireNonAlphanumeric) needs.Add("a symbol");
        var text = $"At least {options.RequiredLength} characters";
        if (needs.Count > 0) text += needs.Count == 1 ? $", with {needs[0]}" : $", with {string.Join(", ", needs[..^1])} and {needs[^1]}";
        if (options.RequiredUniqueChars > 1) text += $", {options.RequiredUniqueChars} different characters";
        // ASVS 5.0 §6.2: the common-password list (CommonPasswordValidator) instead of composition rules.
        return text + ". Not a common password or a common one with digits or symbols added; a phrase of your own works best.";
    }
}
