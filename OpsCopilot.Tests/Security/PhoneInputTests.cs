using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

/// <summary>National numbers typed in a tenant's country become the same E.164 digits as their international form.</summary>
public sealed class PhoneInputTests
{
    [Theory]
    [InlineData("0664 7771234", "de-AT", "436647771234")]
    [InlineData("0664/777 12 34", "de-AT", "436647771234")]
    [InlineData("(0664) 777-1234", "de-AT", "436647771234")]
    [InlineData("01 5343 0", "de-AT", "43153430")]
    [InlineData("0151 23456789", "de-DE", "4915123456789")]
    [InlineData("030 1234567", "de-DE", "49301234567")]
    [InlineData("079 123 45 67", "de-CH", "41791234567")]
    public void A_national_number_takes_the_country_of_the_tenants_locale(string typed, string locale, string expected)
    {
        PhoneInput.TryNormalize(typed, locale, out var digits).ShouldBeTrue();
        digits.ShouldBe(expected);
    }

    [Theory]
    [InlineData("+43 664 7771234", "de-DE")]
    [InlineData("0043 664 7771234", "de-DE")]
    [InlineData("436647771234", "de-DE")]
    [InlineData("whatsapp:+436647771234", null)]
    public void An_international_number_means_the_same_in_every_tenant(string typed, string? locale)
    {
        PhoneInput.TryNormalize(typed, locale, out var digits).ShouldBeTrue();
        digits.ShouldBe("436647771234");
    }

    [Fact]
    public void The_national_and_the_international_form_are_one_number()
    {
        PhoneInput.TryNormalize("0664 7771234", "de-AT", out var national).ShouldBeTrue();
        PhoneInput.TryNormalize("+43 664 7771234", "de-AT", out var international).ShouldBeTrue();
        national.ShouldBe(international);
        // The same typed digits are another number in another country.
        PhoneInput.TryNormalize("0664 7771234", "de-DE", out var german).ShouldBeTrue();
        german.ShouldBe("496647771234");
    }

    [Theory]
    [InlineData("0664 7771234", null)]
    [InlineData("0664 7771234", "")]
    [InlineData("0664 7771234", "de")]
    [InlineData("0664 7771234", "xx-ZZ")]
    [InlineData("0664 CALL ME", "de-AT")]
    [InlineData("0664 7771234 ext 5", "de-AT")]
    [InlineData("06", "de-AT")]
    [InlineData("0", "de-AT")]
    [InlineData("00", "de-AT")]
    [InlineData("000664 7771234", "de-AT")]
    [InlineData("0664 77712345678901", "de-AT")]
    [InlineData("", "de-AT")]
    [InlineData(null, "de-AT")]
    public void Without_a_country_or_with_anything_but_digits_a_national_number_is_refused(string? typed, string? locale)
    {
        PhoneInput.TryNormalize(typed, locale, out var digits).ShouldBeFalse();
        digits.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0664 777", "de-AT", "43664777")]
    [InlineData("+43 664 777", "de-AT", "43664777")]
    [InlineData("664 777", "de-AT", "664777")]
    [InlineData("0151 2", "de-DE", "491512")]
    [InlineData("0664 777", null, "0664777")]
    public void A_search_written_nationally_looks_for_the_stored_digits(string term, string? locale, string expected) =>
        PhoneInput.SearchDigits(term, locale).ShouldBe(expected);

    [Fact]
    public void The_example_shows_both_forms_for_the_tenants_country()
    {
        var austria = PhoneInput.Example("de-AT");
        austria.ShouldStartWith("+43 ");
        austria.ShouldContain(", or 0");
        austria.ShouldEndWith("as dialled in Austria");
        PhoneInput.Example("de-DE").ShouldStartWith("+49 ");
        PhoneInput.Example(null).ShouldBe("+43 664 1234567");
        PhoneInput.RegionOf("de-AT").ShouldBe("AT");
        PhoneInput.RegionOf("de_de").ShouldBe("DE");
        PhoneInput.RegionOf("en").ShouldBeNull();
    }
}
