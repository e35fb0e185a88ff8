using Microsoft.Extensions.Options;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Durability;

/// <summary>The database bounds are validated at start: a host with no bound (or a nonsensical one) refuses to run.</summary>
public sealed class BoundedWaitOptionsTests
{
    [Theory]
    [InlineData("Database:CommandTimeoutSeconds", "0")]
    [InlineData("Database:ConnectTimeoutSeconds", "0")]
    [InlineData("Database:CancellationTimeoutMilliseconds", "0")]
    [InlineData("OpsCopilot:Health:ReadinessTimeoutMilliseconds", "50")]
    public async Task A_wait_that_is_not_bounded_is_refused_at_start(string setting, string value)
    {
        var factory = new OpsWebFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            factory.Settings[setting] = value;
            var thrown = Should.Throw<Exception>(() => factory.CreateClient());
            // The whole exception on failure: a refusal for another reason (the database, the host) must say which.
            var refused = thrown.ShouldBeOfType<OptionsValidationException>(thrown.ToString());
            refused.Message.ShouldContain(setting.Split(':')[^1]);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
