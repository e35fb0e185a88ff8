using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Data;

public static class OpsAdministrationServiceCollectionExtensions
{
    /// <summary>Owner-connection services for creating tenants and users: the CLI verbs and test setup.</summary>
    public static IServiceCollection AddOpsAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsData(configuration, asOwner: true);
        services.AddIdentityCore<AppUser>(IdentityPolicy.Configure)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<OpsDbContext>();
        services.AddScoped<TenantAdministration>();
        return services;
    }
}
