using System.Text;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

public sealed class OneTimeCodesTests
{
    private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-for-tests-0123456789abcdef");
    private static readonly byte[] OtherPepper = Encoding.UTF8.GetBytes("another-pepper-0123456789abcdefgh");

    [Fact]
    public void CodesAreEightAsciiDigitsAndKeepLeadingZeros()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => OneTimeCodes.NewCode()).ToList();

        codes.ShouldAllBe(code => code.Length == OneTimeCodes.CodeLength && code.All(char.IsAsciiDigit));
        OneTimeCodes.CodeLength.ShouldBe(8);
        codes.ShouldContain(code => code[0] == '0');
    }

    [Fact]
    public void CodesAreSpreadEvenly()
    {
        const int Samples = 20_000;
        var codes = Enumerable.Range(0, Samples).Select(_ => OneTimeCodes.NewCode()).ToList();

        // Each leading digit is expected 2,000 times (standard deviation about 42).
        foreach (var group in codes.GroupBy(code => code[0]))
        {
            group.Count().ShouldBeInRange(1_700, 2_300, $"leading digit {group.Key}");
        }

        codes.Select(code => code[0]).Distinct().Count().ShouldBe(10);
        // About 200 birthday collisions are expected among 20,000 draws from a million.
        codes.Distinct().Count().ShouldBeGreaterThan(19_000);
    }

    [Fact]
    public void HashMatchesAnIndependentHmac()
    {
        // echo -n 123456 | openssl dgst -sha256 -hmac pepper-for-tests-0123456789abcdef
        OneTimeCodes.Hash("123456", Pepper).ShouldBe("d1c882f36c4a4d86143aecac4383b53c937311a8e9444a1feea9919e8b08d383");
        OneTimeCodes.Hash("007042", Pepper).ShouldBe("51fed091ddf06209dc6a5c24a873ae14383b5158fd076d5b11cf8e27c0ad7a5c");
    }

    [Fact]
    public void HashIsSixtyFourLowercaseHexAndNotTheCode()
    {
        var code = OneTimeCodes.NewCode();

        var hash = OneTimeCodes.Hash(code, Pepper);

        hash.Length.ShouldBe(64);
        hash.ShouldAllBe(c => char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f'));
        hash.ShouldNotContain(code);
    }

    [Fact]
    public void HashIsDeterministicSoInvitesCanBeLookedUpByIt() =>
        OneTimeCodes.Hash("123456", Pepper).ShouldBe(OneTimeCodes.Hash("123456", Pepper));

    [Fact]
    public void DifferentPepperGivesDifferentHash() =>
        OneTimeCodes.Hash("123456", Pepper).ShouldNotBe(OneTimeCodes.Hash("123456", OtherPepper));

    [Fact]
    public void DifferentCodeGivesDifferentHash() =>
        OneTimeCodes.Hash("123456", Pepper).ShouldNotBe(OneTimeCodes.Hash("123457", Pepper));

    [Fact]
    public void MatchesTheCodeItWasHashedFrom()
    {
        var code = OneTimeCodes.NewCode();

        OneTimeCodes.Matches(code, OneTimeCodes.Hash(code, Pepper), Pepper).ShouldBeTrue();
    }

    [Theory]
    [InlineData("123457")]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData(" 123456")]
    public void DoesNotMatchAnyOtherCode(string attempt) =>
        OneTimeCodes.Matches(attempt, OneTimeCodes.Hash("123456", Pepper), Pepper).ShouldBeFalse();

    [Fact]
    public void DoesNotMatchUnderAnotherPepper() =>
        OneTimeCodes.Matches("123456", OneTimeCodes.Hash("123456", Pepper), OtherPepper).ShouldBeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("123456")]
    [InlineData("not-a-hash")]
    [InlineData("d1c882f36c4a4d86143aecac4383b53c937311a8e9444a1feea9919e8b08d38")]
    [InlineData("d1c882f36c4a4d86143aecac4383b53c937311a8e9444a1feea9919e8b08d38300")]
    [InlineData("z1c882f36c4a4d86143aecac4383b53c937311a8e9444a1feea9919e8b08d383")]
    public void MalformedStoredHashNeverMatchesAndNeverThrows(string storedHash) =>
        OneTimeCodes.Matches("123456", storedHash, Pepper).ShouldBeFalse();

    [Fact]
    public void ShortPepperIsAConfigurationError()
    {
        Should.Throw<ArgumentException>(() => OneTimeCodes.Hash("123456", new byte[OneTimeCodes.MinimumPepperBytes - 1]));
        Should.Throw<ArgumentException>(() => OneTimeCodes.Matches("123456", new string('0', 64), []));
    }
}
