using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Web.Cli;

public static class CreateUserVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var tenantArg = context.Required("--tenant");
        var email = context.Required("--email");
        var role = context.Required("--role");
        if (!AppRole.All.Contains(role)) throw new CliUsageException($"--role must be {string.Join(" or ", AppRole.All)}.");

        // The password comes on stdin so it never shows in the process list or shell history.
        var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync())?.TrimEnd('\r') : null;
        if (string.IsNullOrEmpty(password)) throw new CliUsageException("Pipe the password on stdin, e.g. `echo \"$PW\" | dotnet run ... create-user ...`.");

        var admin = context.Services.GetRequiredService<TenantAdministration>();
        var tenant = await admin.FindTenantAsync(tenantArg, CancellationToken.None)
            ?? throw new InvalidOperationException($"No tenant '{tenantArg}'.");
        var user = await admin.UpsertUserAsync(tenant.Id, email, password, role);
        Console.WriteLine($"User {user.Email} ({role}) in tenant {tenant.Id} '{tenant.Name}': {user.Id}");
        return 0;
    }
}
