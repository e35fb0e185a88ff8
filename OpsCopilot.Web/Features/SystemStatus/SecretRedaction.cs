using System.Data.Common;

namespace OpsCopilot.Web.Features.SystemStatus;

/// <summary>
/// Turns settings that may hold credentials into text safe to show: secrets only say whether they are set,
/// connection strings and URLs keep what helps an operator (host, port, database, user) and lose every
/// password, token and path. Anything that cannot be read is redacted whole rather than shown.
/// </summary>
public static class SecretRedaction
{
    public const string Redacted = "set (redacted)";
    public const string NotSet = "not set";
    public const string Mask = "(redacted)";

    /// <summary>Key names (lower case, no spaces or separators) whose values are credentials.</summary>
    private static readonly string[] SensitiveKeyParts = ["password", "pwd", "secret", "token", "key", "credential", "signature", "auth", "cookie"];

    public static string Secret(string? value) => string.IsNullOrWhiteSpace(value) ? NotSet : Redacted;

    /// <summary>Whether a setting or connection-string key names a credential (Password, ApiKey, AccessToken, …).</summary>
    public static bool IsSensitiveKey(string key)
    {
        var normalized = new string(key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return SensitiveKeyParts.Any(part => normalized.Contains(part, StringComparison.Ordinal));
    }

    /// <summary><c>Host=db;Username=ops_app;Password=…</c> → <c>Host=db; Username=ops_app; Password=(redacted)</c>.</summary>
    public static string ConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return NotSet;
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return Redacted + ", not a readable connection string";
        }

        var parts = new List<string>();
        foreach (string key in builder.Keys)
        {
            var shown = IsSensitiveKey(key) ? Mask : Convert.ToString(builder[key], System.Globalization.CultureInfo.InvariantCulture);
            parts.Add($"{key}={shown}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// An endpoint as scheme, host and port only: user info, path, query and fragment can all carry credentials
    /// (chat webhook URLs keep their token in the path).
    /// </summary>
    public static string Endpoint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return NotSet;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return Redacted + ", not an absolute URL";
        var origin = $"{uri.Scheme}://{uri.Authority}";
        var hidden = uri.UserInfo.Length > 0 || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0;
        return hidden ? origin + "/… (path and credentials redacted)" : origin;
    }

    /// <summary><c>postgres://user:pass@host:5432/db?…</c> → <c>postgres://user:(redacted)@host:5432/db</c>.</summary>
    public static string DatabaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return NotSet;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || string.IsNullOrEmpty(uri.Host))
            return Redacted + ", not a postgres:// URL";
        var user = uri.UserInfo.Split(':', 2)[0];
        var credentials = user.Length == 0 ? "" : Uri.UnescapeDataString(user) + (uri.UserInfo.Contains(':') ? ":" + Mask : "") + "@";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The query may carry sslpassword and the like: dropped, not shown.
        return $"{uri.Scheme}://{credentials}{uri.Host}{port}{uri.AbsolutePath}{(uri.Query.Length > 0 ? " (options redacted)" : "")}";
    }

    /// <summary>
    /// The last line of defence: every known secret value (and its URL-encoded form) that still appears in
    /// <paramref name="text"/> is replaced, so a credential pasted into an ordinary setting is not shown either.
    /// </summary>
    public static string Scrub(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= MinScrubLength).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var encoded = Uri.EscapeDataString(secret);
            if (encoded != secret) text = text.Replace(encoded, Mask, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    /// <summary>Shorter values ("1", "true") would turn ordinary text into noise; real credentials are longer.</summary>
    public const int MinScrubLength = 4;
}
