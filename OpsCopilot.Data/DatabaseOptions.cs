using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Data;

public sealed class DatabaseOptions
{
    /// <summary>Runtime connection (ConnectionStrings:Default, or DATABASE_URL converted).</summary>
    [Required(ErrorMessage = "No database configured: set ConnectionStrings:Default or DATABASE_URL.")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Owner connection for migrations and admin CLI verbs; defaults to the runtime connection.</summary>
    public string? MigrationsConnectionString { get; set; }

    /// <summary>Every runtime connection switches to this role on open.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string RuntimeRole { get; set; } = "ops_app";

    /// <summary>
    /// Login of the background workers (ConnectionStrings:Worker): a member of <see cref="WorkerRole"/>. Unset: the
    /// owner login (ConnectionStrings:Migrations), else the runtime login, which must then be a member.
    /// </summary>
    public string? WorkerConnectionString { get; set; }

    /// <summary>Worker connections switch to this role on open: the outbox claim, retention, gauges, the tenant list.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string WorkerRole { get; set; } = "ops_worker";

    public string WorkerLoginConnectionString =>
        !string.IsNullOrWhiteSpace(WorkerConnectionString) ? WorkerConnectionString
        : !string.IsNullOrWhiteSpace(MigrationsConnectionString) ? MigrationsConnectionString
        : ConnectionString;

    public string OwnerConnectionString => string.IsNullOrWhiteSpace(MigrationsConnectionString) ? ConnectionString : MigrationsConnectionString;
}
