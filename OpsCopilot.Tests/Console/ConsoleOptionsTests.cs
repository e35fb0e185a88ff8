using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using OpsCopilot.Data.Identity;
using OpsCopilot.Web.Features.Pairing;
using OpsCopilot.Web.Features.Users;

namespace OpsCopilot.Tests.Console;

public sealed class ConsoleOptionsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("436641234567", true)]
    [InlineData("4915112345678", true)]
    [InlineData("+436641234567", false)]
    [InlineData("43 664 1234567", false)]
    [InlineData("06641234567", false)]
    [InlineData("1234567", false)]
    [InlineData("1234567890123456", false)]
    public void The_gateway_number_must_be_E164_digits(string? number, bool valid)
    {
        var options = new WhatsAppOptions { GatewayNumber = number };
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBe(valid);
        if (!valid) results.Single().ErrorMessage!.ShouldContain("OpsCopilot:WhatsApp:GatewayNumber must be E.164 digits");
    }

    [Fact]
    public void The_password_hint_describes_the_configured_identity_rules()
    {
        var options = new IdentityOptions();
        IdentityPolicy.Configure(options);

        // Issue 11 (ASVS 5.0 §6.2): length and a common-password check, no composition rules.
        const string common = " Not a common password or a common one with digits or symbols added; a phrase of your own works best.";
        PasswordRules.Describe(options.Password).ShouldBe("At least 12 characters." + common);
        PasswordRules.Describe(new PasswordOptions { RequiredLength = 8, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = true })
            .ShouldBe("At least 8 characters, with a symbol." + common);
    }
}
