using Microsoft.Extensions.Options;
using Npgsql;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.Live;

/// <summary>
/// Keeps one dedicated connection LISTENing on ops_changes (LISTEN needs no table rights, so the runtime login
/// serves) and publishes every announcement to <see cref="OpsChangeFeed"/>. A lost connection is re-opened with
/// backoff; after every (re)connect a resync tells pages they may have missed changes.
/// </summary>
public sealed class ChangeFeedListener(
    IOptions<DatabaseOptions> database, IOptions<ChangeFeedOptions> options, OpsChangeFeed feed, TimeProvider clock,
    ILogger<ChangeFeedListener> logger) : BackgroundService
{
    public const string Channel = "ops_changes";
    public const string ApplicationName = "ops-copilot-change-feed";

    private readonly ChangeFeedOptions settings = options.Value;
    private int failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                feed.SetConnected(false);
                failures++;
                var delay = ReconnectDelay(failures, settings.MaxReconnectDelaySeconds);
                logger.LogWarning(ex, "Change feed connection lost (attempt {Attempt}); reconnecting in {Delay}", failures, delay);
                try
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        feed.SetConnected(false);
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(ListenerConnectionString(database.Value.ConnectionString));
        connection.Notification += (_, e) =>
        {
            if (OpsChange.Parse(e.Payload) is { } change) feed.Publish(change);
            else logger.LogDebug("Ignored a malformed change announcement");
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);

        feed.SetConnected(true);
        failures = 0;
        logger.LogInformation("Change feed listening on {Channel}", Channel);
        feed.Publish(OpsChange.Resync);

        var keepAlive = TimeSpan.FromSeconds(settings.KeepAliveSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await connection.WaitAsync(keepAlive, stoppingToken)) continue;
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(stoppingToken);
        }
    }

    /// <summary>Its own physical connection: a pooled one would be reset (UNLISTEN) or reused by others.</summary>
    internal static string ListenerConnectionString(string runtimeConnectionString) =>
        new NpgsqlConnectionStringBuilder(runtimeConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
        }.ConnectionString;

    /// <summary>0.5 s, 1 s, 2 s, … up to the maximum, with up to 20 % jitter so instances do not reconnect in step.</summary>
    public static TimeSpan ReconnectDelay(int failures, int maxSeconds)
    {
        var seconds = Math.Min(maxSeconds, 0.5 * Math.Pow(2, Math.Min(failures - 1, 16)));
        return TimeSpan.FromSeconds(seconds * (1 + Random.Shared.NextDouble() * 0.2));
    }
}
