using Microsoft.Extensions.Configuration;
using Npgsql;

namespace OpsCopilot.Data;

/// <summary>Reads ConnectionStrings:Default / :Migrations, or the runbook's DATABASE_URL (postgres://user:pass@host:port/db).</summary>
public static class PostgresConnectionStrings
{
    public static (string? Runtime, string? Migrations) Read(IConfiguration configuration)
    {
        var runtime = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(runtime) && configuration["DATABASE_URL"] is { Length: > 0 } url)
            runtime = FromUrl(url);
        var migrations = configuration.GetConnectionString("Migrations");
        return (NullIfEmpty(runtime), NullIfEmpty(migrations));
    }

    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new FormatException("DATABASE_URL must look like postgres://user:password@host:5432/database.");

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<SslMode>(value.Replace("-", ""), true, out var ssl))
                builder.SslMode = ssl;
            else if (key.Equals("application_name", StringComparison.OrdinalIgnoreCase))
                builder.ApplicationName = value;
        }
        return builder.ConnectionString;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
