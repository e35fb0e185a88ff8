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

    public string OwnerConnectionString => string.IsNullOrWhiteSpace(MigrationsConnectionString) ? ConnectionString : MigrationsConnectionString;
}
