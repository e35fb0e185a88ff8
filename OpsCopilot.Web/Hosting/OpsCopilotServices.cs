using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
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
        // The console's scripts and styles (blazor.web.js, app.css, the component library's _content) in every environment:
        // run from bin/ they exist only through the build's static web assets manifest, which ASP.NET Core reads by itself
        // in Development alone. A published app has them in wwwroot and no manifest, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.AddOpsTracing();
        var services = builder.Services;

        services.AddOpsData(builder.Configuration);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.Secret),
                "CLAWDBOT_WEBHOOK_SECRET is required outside Development.")
            .ValidateOnStart();

        services.AddProblemDetails(ApiConventions.CustomizeProblems);
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
        services.AddOpenApi(ApiConventions.Document);
        services.AddTransport(builder.Configuration, builder.Environment);
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddDbContextCheck<OpsDbContext>("database");

        AddIdentity(services, builder.Configuration, builder.Environment);
        services.AddSingleton<IXmlRepository, PostgresXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = sp.GetRequiredService<IXmlRepository>());
        services.AddDataProtection().SetApplicationName("OpsCopilot");

        // The antiforgery cookie follows the session cookie's rule (Secure in Production).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy =
            (builder.Configuration.GetValue<bool?>($"{TransportOptions.Section}:{nameof(TransportOptions.SecureCookies)}") ?? builder.Environment.IsProduction())
                ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        // Open circuits re-check their session every few seconds (logout elsewhere, role change, deactivation).
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>());
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

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<ConsoleSessionOptions>().BindConfiguration(ConsoleSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ServerSessions>().AddSingleton<SessionLookups>();
        services.AddScoped<SignInService>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(IdentityPolicy.Configure)
            .AddPasswordValidator<CommonPasswordValidator>()
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
            // Production runs behind TLS (directly or through a proxy whose X-Forwarded-Proto is trusted): the cookie
            // never travels in clear text there. Development and the tests speak plain HTTP on loopback.
            o.Cookie.SecurePolicy = (configuration.GetValue<bool?>($"{TransportOptions.Section}:{nameof(TransportOptions.SecureCookies)}") ?? environment.IsProduction())
                ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            // Sliding idle timeout in the cookie; the server-side session row adds the absolute lifetime and makes
            // logout, role changes and deactivation immediate (ServerSessions).
            o.ExpireTimeSpan = TimeSpan.FromMinutes(new ConsoleSessionOptions().IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionCookieEvents.SigningInAsync;
            o.Events.OnValidatePrincipal = SessionCookieEvents.ValidatePrincipalAsync;
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
        });
    }

    private static string LocalPart(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery + absolute.Fragment : redirectUri;

    /// <summary>API clients get 401/403 problem+json; browsers get the login redirect.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // Relative: the Host header (whatever a client sent) never ends up in a Location.
            context.Response.Redirect(LocalPart(context.RedirectUri));
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
