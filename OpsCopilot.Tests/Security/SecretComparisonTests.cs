using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

public sealed class SecretComparisonTests
{
    [Theory]
    [InlineData("verify-token", "verify-token", true)]
    [InlineData("verify-token", "verify-tokeN", false)]
    [InlineData("verify-token", "verify-token ", false)]
    [InlineData("verify-token", "", false)]
    [InlineData("verify-token", null, false)]
    [InlineData("", "", false)]
    [InlineData(null, null, false)]
    public void ComparesExactlyAndNeverMatchesAnUnsetSecret(string? expected, string? presented, bool equal) =>
        SecretComparison.FixedTimeEquals(expected, presented).ShouldBe(equal);
}
