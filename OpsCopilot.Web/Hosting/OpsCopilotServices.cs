using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Features.Account;
using MudBlazor;
using MudBlazor.Services;

namespace OpsCopilot.Web.Hosting;

public static class OpsCopilotServices
{
    public const string SessionCookieName = "admin_session";

    /// <summary>Everything the host needs, feature by feature. Program.cs calls only this and MapOpsCopilot.</summary>
    public static WebApplicationBuilder AddOpsCopilot(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddRunbookAliases();
        builder.AddOpsLogging();
        // The console's CSS and JS (MudBlazor's, the SDK's blazor.web.js, wwwroot) are static web assets. The
        // framework reads their manifest only in Development; run from bin/ in Production (./run.sh, the E2E host) it
        // would answer 200 with empty bodies. Reading it in every environment serves the real files; a published app
        // has no such manifest (its files sit in wwwroot) and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;

        services.AddOpsData(builder.Configuration);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.Secret),
                "CLAWDBOT_WEBHOOK_SECRET is required outside Development.")
            .ValidateOnStart();

        services.AddProblemDetails();
        services.AddExceptionHandler<OpsExceptionHandler>();
        // Outside Development a body that fails to bind would be a bare "Bad Request"; thrown, OpsExceptionHandler
        // names what was wrong (the field, or the JSON syntax error) in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.AddValidation();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddDbContextCheck<OpsDbContext>("database");

        AddIdentity(services);
        services.AddSingleton<IXmlRepository, PostgresXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = sp.GetRequiredService<IXmlRepository>());
        services.AddDataProtection().SetApplicationName("OpsCopilot");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddMudServices(o =>
        {
            // Over the app bar, never over the page: a snackbar must not cover the buttons it reports on.
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.NewestOnTop = true;
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });

        services.AddOpsFeatures(builder.Configuration);
        return builder;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(IdentityPolicy.Configure)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<OpsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PermissionClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = SessionCookieName;
            o.Cookie.HttpOnly = true;
            // Strict same-site plus JSON-only API writes keep cross-site requests from riding the cookie.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
        });
    }

    /// <summary>API clients get 401/403 problem+json; browsers get the login redirect.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Not signed in" : "Not allowed",
                Detail = status == StatusCodes.Status401Unauthorized
                    ? "Sign in with POST /api/v1/auth/login and send the admin_session cookie."
                    : "Your role does not have the permission this endpoint needs.",
            },
        }).AsTask();
    }
}
