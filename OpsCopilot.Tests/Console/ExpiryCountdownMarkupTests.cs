using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.Security;
using OpsCopilot.Web.Features.Pairing;

namespace OpsCopilot.Tests.Console;

public sealed class ExpiryCountdownMarkupTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    private static Task<string> RenderAsync(DateTimeOffset expiresAt) =>
        ComponentMarkup.RenderAsync<ExpiryCountdown>(new Dictionary<string, object?> { [nameof(ExpiryCountdown.ExpiresAt)] = expiresAt }, new FixedTimeProvider(Now));

    [Fact]
    public async Task A_live_code_shows_the_minutes_and_seconds_left()
    {
        var html = await RenderAsync(Now.AddMinutes(14).AddSeconds(59));

        html.ShouldContain("data-expired=\"false\"");
        html.ShouldContain("Expires in <strong>14:59</strong>");
        html.ShouldContain("role=\"timer\"");
    }

    [Fact]
    public async Task A_code_whose_time_is_up_says_expired()
    {
        foreach (var expiresAt in new[] { Now, Now.AddSeconds(-30) })
        {
            var html = await RenderAsync(expiresAt);

            html.ShouldContain("data-expired=\"true\"");
            html.ShouldContain(">Expired</span>");
            html.ShouldContain("ops-countdown-expired");
            html.ShouldNotContain("Expires in");
        }
    }

    [Theory]
    [InlineData(899.0, "14:59")]
    [InlineData(0.2, "00:01")]
    [InlineData(59.5, "01:00")]
    [InlineData(3600.0, "1:00:00")]
    [InlineData(5025.0, "1:23:45")]
    [InlineData(-3.0, "00:00")]
    public void Remaining_time_is_rounded_up_to_whole_seconds(double seconds, string expected) =>
        ExpiryCountdown.FormatRemaining(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
