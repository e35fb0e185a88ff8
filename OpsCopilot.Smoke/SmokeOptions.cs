namespace OpsCopilot.Smoke;

/// <summary>
/// The command line of ./smoke.sh. The admin password never is a flag: it comes from the environment or stdin. The
/// webhook secret may come from the environment too (the host's own variable), so it need not show in the process list.
/// </summary>
public sealed record SmokeOptions(Uri Url, string Secret, string AdminEmail, string AdminPassword, string? DatabaseUrl, string ReportDirectory)
{
    public const string PasswordVariable = "OPS_SMOKE_ADMIN_PASSWORD";
    public const string SecretVariable = "CLAWDBOT_WEBHOOK_SECRET";

    public const string Usage = """
        usage: ./smoke.sh --url URL [--secret WEBHOOK_SECRET] --admin-email EMAIL [--database-url URL] [--report DIR]
          The admin's password comes from OPS_SMOKE_ADMIN_PASSWORD, else the first line of stdin.
          --secret        the webhook secret; without it CLAWDBOT_WEBHOOK_SECRET (the host's own variable), which keeps
                          it out of the process list
          --database-url  also run the runbook's read-only SQL (integrity check and the §3 counts)
          --report        folder for report.md and the screenshots (default: smoke-report)
        Exit codes: 0 every step passed, 1 a step failed, 2 wrong usage.
        """;

    /// <returns>The options, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static SmokeOptions? Parse(IReadOnlyList<string> args, Func<string?> readPassword, Func<string?> readSecret, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--url" or "--secret" or "--admin-email" or "--database-url" or "--report"))
            {
                problem = name.StartsWith("--password", StringComparison.Ordinal)
                    ? $"No password flag: set {PasswordVariable} or pipe the password on stdin."
                    : $"Unknown argument '{name}'.";
                return null;
            }
            if (i + 1 >= args.Count || args[i + 1].Length == 0)
            {
                problem = $"{name} needs a value.";
                return null;
            }
            values[name] = args[++i];
        }

        if (!values.ContainsKey("--secret") && readSecret() is { Length: > 0 } secret) values["--secret"] = secret;
        foreach (var required in new[] { "--url", "--secret", "--admin-email" })
        {
            if (!values.ContainsKey(required))
            {
                problem = required == "--secret" ? $"--secret is required (or set {SecretVariable})." : $"{required} is required.";
                return null;
            }
        }
        if (!Uri.TryCreate(values["--url"].TrimEnd('/') + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problem = "--url must be the console's http(s) address, e.g. https://ops.example.com.";
            return null;
        }
        var password = readPassword();
        if (string.IsNullOrEmpty(password))
        {
            problem = $"No admin password: set {PasswordVariable} or pipe it on stdin.";
            return null;
        }

        problem = null;
        return new SmokeOptions(url, values["--secret"], values["--admin-email"], password,
            values.GetValueOrDefault("--database-url"), values.GetValueOrDefault("--report") ?? "smoke-report");
    }
}
