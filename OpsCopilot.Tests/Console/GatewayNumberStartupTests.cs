using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Console;

public sealed class GatewayNumberStartupTests
{
    [Fact]
    public async Task The_host_refuses_to_start_with_a_gateway_number_that_is_not_E164_digits()
    {
        var factory = new OpsWebFactory();
        var lifetime = (IAsyncLifetime)factory;
        await lifetime.InitializeAsync();
        try
        {
            factory.Settings["OpsCopilot:WhatsApp:GatewayNumber"] = "+43 664 1234567";

            var refused = Should.Throw<Exception>(() => factory.CreateClient());

            refused.ToString().ShouldContain("OpsCopilot:WhatsApp:GatewayNumber must be E.164 digits without '+' or spaces");
        }
        finally
        {
            await lifetime.DisposeAsync();
        }
    }
}
