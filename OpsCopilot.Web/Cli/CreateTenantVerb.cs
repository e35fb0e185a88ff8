using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Web.Cli;

public static class CreateTenantVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var name = context.Required("--name");
        var timezone = context.Option("--timezone") ?? Tenant.DefaultTimeZone;
        var tenant = await context.Services.GetRequiredService<TenantAdministration>().CreateTenantAsync(name, timezone, CancellationToken.None);
        Console.WriteLine($"Created tenant {tenant.Id} '{tenant.Name}' ({tenant.Timezone}).");
        return 0;
    }
}
