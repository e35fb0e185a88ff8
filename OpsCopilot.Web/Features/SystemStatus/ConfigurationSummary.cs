namespace OpsCopilot.Web.Features.SystemStatus;

/// <summary>One setting as the System page shows it, credentials already redacted.</summary>
public sealed record ConfigurationRow(string Group, string Setting, string Key, string Value, bool IsSecret);

/// <summary>
/// The settings an operator checks first, read from the host's configuration (env vars and runbook aliases
/// included) and redacted by <see cref="SecretRedaction"/>. Only the settings listed here are shown; every shown
/// value is scrubbed once more of any credential found anywhere in the configuration.
/// </summary>
public static class ConfigurationSummary
{
    private enum Kind
    {
        Plain,
        Secret,
        ConnectionString,
        DatabaseUrl,
        Endpoint,
    }

    private sealed record Setting(string Group, string Label, string Key, Kind Kind);

    private static readonly Setting[] Settings =
    [
        new("Database", "Runtime connection", "ConnectionStrings:Default", Kind.ConnectionString),
        new("Database", "DATABASE_URL (used when the runtime connection is unset)", "DATABASE_URL", Kind.DatabaseUrl),
        new("Database", "Migrations connection", "ConnectionStrings:Migrations", Kind.ConnectionString),
        new("Database", "Runtime role", "Database:RuntimeRole", Kind.Plain),
        new("Webhook", "Secret (CLAWDBOT_WEBHOOK_SECRET)", "OpsCopilot:Webhook:Secret", Kind.Secret),
        new("Webhook", "Previous secret (CLAWDBOT_WEBHOOK_SECRET_PREVIOUS)", "OpsCopilot:Webhook:PreviousSecret", Kind.Secret),
        new("Webhook", "Timestamp tolerance, seconds", "OpsCopilot:Webhook:ToleranceSeconds", Kind.Plain),
        new("Webhook", "Replies via outbox", "OpsCopilot:Webhook:RepliesViaOutbox", Kind.Plain),
        new("WhatsApp", "Gateway number", "OpsCopilot:WhatsApp:GatewayNumber", Kind.Plain),
        new("Drafts", "Expiry, minutes", "OpsCopilot:Drafts:ExpiryMinutes", Kind.Plain),
        new("Outbox", "Worker enabled", "OpsCopilot:Outbox:Enabled", Kind.Plain),
        new("Outbox", "Sender", "OpsCopilot:Outbox:Sender", Kind.Plain),
        new("Gateway sender", "Send URL", "OpsCopilot:Gateway:SendUrl", Kind.Endpoint),
        new("Gateway sender", "Signing secret", "OpsCopilot:Gateway:Secret", Kind.Secret),
        new("Gateway sender", "Sender number", "OpsCopilot:Gateway:SenderNumber", Kind.Plain),
        new("Cloud API sender", "Base URL", "OpsCopilot:CloudApi:BaseUrl", Kind.Endpoint),
        new("Cloud API sender", "Phone number id", "OpsCopilot:CloudApi:PhoneNumberId", Kind.Plain),
        new("Cloud API sender", "Access token", "OpsCopilot:CloudApi:AccessToken", Kind.Secret),
        new("Meta channel", "Verify token", "OpsCopilot:Meta:VerifyToken", Kind.Secret),
        new("Meta channel", "App secret", "OpsCopilot:Meta:AppSecret", Kind.Secret),
        new("Planner", "Enabled", "OpsCopilot:Planner:Enabled", Kind.Plain),
        new("Planner", "Endpoint", "OpsCopilot:Planner:Endpoint", Kind.Endpoint),
        new("Planner", "API key", "OpsCopilot:Planner:ApiKey", Kind.Secret),
        new("Planner", "Model", "OpsCopilot:Planner:Model", Kind.Plain),
        new("Alerts", "Webhook URL (ALERT_WEBHOOK_URL)", "OpsCopilot:Alerts:WebhookUrl", Kind.Endpoint),
        new("Monitoring", "/metrics endpoint", "OpsCopilot:Monitoring:MetricsEndpoint", Kind.Plain),
        new("Monitoring", "OTLP endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", Kind.Endpoint),
        new("Monitoring", "OTLP headers", "OTEL_EXPORTER_OTLP_HEADERS", Kind.Secret),
        new("Retention", "Enabled", "OpsCopilot:Retention:Enabled", Kind.Plain),
        new("Retention", "Ingest keys kept, days", "OpsCopilot:Retention:IngestDedupDays", Kind.Plain),
        new("Retention", "Delivered notifications kept, days", "OpsCopilot:Retention:NotificationDays", Kind.Plain),
        new("Inbound log", "Sample rate (WA_INBOUND_LOG_SAMPLE_RATE)", "OpsCopilot:InboundLog:SampleRate", Kind.Plain),
        new("Inbound log", "Debug snapshot (WA_INBOUND_DEBUG_SNAPSHOT)", "OpsCopilot:InboundLog:DebugSnapshot", Kind.Plain),
        new("Console", "Live change feed", "OpsCopilot:ChangeFeed:Enabled", Kind.Plain),
        new("Console", "WhatsApp simulator", "OpsCopilot:Simulator:Enabled", Kind.Plain),
    ];

    public const string Unset = "not set (default)";

    /// <param name="effective">Values the host derived (environment, chosen sender), shown instead of "default".</param>
    public static IReadOnlyList<ConfigurationRow> Build(IConfiguration configuration, IReadOnlyDictionary<string, string>? effective = null)
    {
        var secrets = KnownSecrets(configuration);
        return Settings.Select(setting =>
        {
            var raw = configuration[setting.Key];
            var value = setting.Kind switch
            {
                Kind.Secret => SecretRedaction.Secret(raw),
                Kind.ConnectionString => SecretRedaction.ConnectionString(raw),
                Kind.DatabaseUrl => SecretRedaction.DatabaseUrl(raw),
                Kind.Endpoint => SecretRedaction.Endpoint(raw),
                _ when string.IsNullOrWhiteSpace(raw) && effective?.GetValueOrDefault(setting.Key) is { } derived => derived + " (default)",
                _ => string.IsNullOrWhiteSpace(raw) ? Unset : raw,
            };
            return new ConfigurationRow(setting.Group, setting.Label, setting.Key, SecretRedaction.Scrub(value, secrets), setting.Kind == Kind.Secret);
        }).ToList();
    }

    /// <summary>
    /// Every credential anywhere in the configuration: values of keys that name one (…Secret, …Password, …Token,
    /// …Key), passwords inside connection strings, the password of DATABASE_URL.
    /// </summary>
    public static IReadOnlyCollection<string> KnownSecrets(IConfiguration configuration)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in Settings.Where(s => s.Kind == Kind.Secret))
            if (configuration[setting.Key] is { } value && !string.IsNullOrWhiteSpace(value)) secrets.Add(value);

        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)) AddConnectionStringSecrets(value, secrets);
            // A switch or a number under a key like "AuthEnabled" is no credential, and scrubbing "true" everywhere would be noise.
            else if (SecretRedaction.IsSensitiveKey(key.Split(':')[^1]) && !bool.TryParse(value, out _) && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) secrets.Add(value);
        }

        if (configuration["DATABASE_URL"] is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Split(':', 2) is [_, var password])
        {
            secrets.Add(password);
            secrets.Add(Uri.UnescapeDataString(password));
        }
        return secrets;
    }

    private static void AddConnectionStringSecrets(string value, HashSet<string> secrets)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            // Unreadable: the whole value is treated as a secret, and shown nowhere.
            secrets.Add(value);
            return;
        }

        foreach (string key in builder.Keys)
            if (SecretRedaction.IsSensitiveKey(key) && Convert.ToString(builder[key], System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } secret)
                secrets.Add(secret);
    }
}
