using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("whatsapp:436641234567")]
    [InlineData("WhatsApp:436641234567")]
    [InlineData("whatsapp:+43 664 1234567")]
    [InlineData("whatsapp:+436641234567")]
    [InlineData("+43 (664) 123-4567")]
    [InlineData("+43 664/1234567")]
    [InlineData("00436641234567")]
    [InlineData("0043 664 1234567")]
    [InlineData("436641234567")]
    [InlineData("  +436641234567  ")]
    public void AcceptsTheFormsGatewaysAndPeopleUse(string raw)
    {
        PhoneNumbers.TryNormalize(raw, out var digits).ShouldBeTrue();
        digits.ShouldBe("436641234567");
    }

    [Theory]
    [InlineData("+4930123", "4930123")]
    [InlineData("49301234", "49301234")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("+1 (555) 123-4567", "15551234567")]
    public void AcceptsLengthsFromEightToFifteen(string raw, string expected)
    {
        var accepted = PhoneNumbers.TryNormalize(raw, out var digits);

        accepted.ShouldBe(expected.Length >= PhoneNumbers.MinDigits);
        digits.ShouldBe(accepted ? expected : string.Empty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("whatsapp:")]
    [InlineData("whatsapp:abc")]
    [InlineData("whatsapp:+43 664 CALLME")]
    [InlineData("43664123456a")]
    [InlineData("driver@example.com")]
    [InlineData("436641234567@s.whatsapp.net")]
    [InlineData("+43 664 1234567 ext 12")]
    [InlineData("1234567")]
    [InlineData("1234567890123456")]
    [InlineData("001234567890123456")]
    [InlineData("0664 1234567")]
    [InlineData("+0436641234567")]
    [InlineData("+00436641234567")]
    [InlineData("++436641234567")]
    [InlineData("43+6641234567")]
    [InlineData("+")]
    [InlineData("٤٣٦٦٤١٢٣٤٥٦٧")]
    public void RejectsAnythingThatIsNotAnInternationalNumber(string? raw)
    {
        PhoneNumbers.TryNormalize(raw, out var digits).ShouldBeFalse();
        digits.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("436641234567", "436*******67")]
    [InlineData("49301234", "493***34")]
    [InlineData("123456789012345", "123**********45")]
    [InlineData("whatsapp:+43 664 1234567", "436*******67")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void MaskKeepsCountryCodeAndTail(string digits, string masked) =>
        PhoneNumbers.Mask(digits).ShouldBe(masked);

    [Fact]
    public void MaskNeverRevealsMoreThanFiveDigits()
    {
        for (var length = 1; length <= PhoneNumbers.MaxDigits; length++)
        {
            var digits = string.Concat(Enumerable.Range(1, length).Select(i => (char)('0' + (i % 10))));

            var masked = PhoneNumbers.Mask(digits);

            masked.Count(char.IsAsciiDigit).ShouldBeLessThanOrEqualTo(5);
            masked.Count(c => c == '*').ShouldBeGreaterThanOrEqualTo(Math.Min(3, length), $"length {length}");
        }
    }
}
