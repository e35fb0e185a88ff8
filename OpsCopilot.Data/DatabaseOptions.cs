using System.ComponentModel.DataAnnotations;
using Npgsql;

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
    /// Longest a runtime statement may wait (Database:CommandTimeoutSeconds). A frozen or overloaded database then
    /// costs a request this long (plus <see cref="CancellationTimeoutMilliseconds"/>) and a 503 + Retry-After, never a hang.
    /// </summary>
    [Range(1, 300)]
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>Longest opening a runtime connection, or waiting for a free one in the pool, may take (Database:ConnectTimeoutSeconds).</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// After a timeout, how long to wait for the server to confirm the cancellation before the connection is dropped
    /// (Database:CancellationTimeoutMilliseconds). A frozen server never confirms.
    /// </summary>
    [Range(100, 10_000)]
    public int CancellationTimeoutMilliseconds { get; set; } = 1000;

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

    /// <summary>
    /// The runtime connection with this product's bounds on every wait (they replace the connection string's own), and
    /// kept state between uses of a pooled connection: every open sets role, tenant and synchronous_commit again in
    /// one statement (TenantConnectionInterceptor) and nothing else is left on a session (no temporary tables,
    /// session advisory locks or LISTEN on these connections; Npgsql still rolls back an open transaction), so
    /// Npgsql's DISCARD ALL on every reuse is pure cost — and it would throw away the prepared statements that
    /// MaxAutoPrepare keeps for the statements every message runs (docs/benchmarks.md: PostgreSQL CPU per message −25 %).
    /// </summary>
    public string BoundedConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        CommandTimeout = CommandTimeoutSeconds,
        Timeout = ConnectTimeoutSeconds,
        CancellationTimeout = CancellationTimeoutMilliseconds,
        NoResetOnClose = true,
        MaxAutoPrepare = 64,
    }.ConnectionString;
}
