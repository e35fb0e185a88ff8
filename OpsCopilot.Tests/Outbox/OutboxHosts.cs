using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsCopilot.Data;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Notifications;

namespace OpsCopilot.Tests.Outbox;

/// <summary>Settings that make the outbox fast enough for tests while keeping its real behaviour.</summary>
public static class OutboxSettings
{
    public const string GatewaySecret = "gateway-test-secret";

    public static Dictionary<string, string?> Gateway(FakeHttpServer gateway, FakeHttpServer? alerts = null) => new()
    {
        ["OpsCopilot:Outbox:Enabled"] = "true",
        ["OpsCopilot:Outbox:Sender"] = "Gateway",
        ["OpsCopilot:Outbox:PollInterval"] = "00:00:00.050",
        ["OpsCopilot:Outbox:BaseDelay"] = "00:00:00.050",
        ["OpsCopilot:Outbox:MaxDelay"] = "00:00:02",
        ["OpsCopilot:Outbox:MaxAttempts"] = "4",
        ["OpsCopilot:Outbox:RatePerSecond"] = "10000",
        ["OpsCopilot:Gateway:SendUrl"] = gateway.Url("/send").ToString(),
        ["OpsCopilot:Gateway:Secret"] = GatewaySecret,
        // Generous: a busy test machine must not turn a slow answer into a retry the assertions do not expect.
        ["OpsCopilot:Gateway:TimeoutMs"] = "30000",
        ["OpsCopilot:Alerts:WebhookUrl"] = alerts?.Url("/alerts").ToString(),
        ["OpsCopilot:Alerts:TimeoutMs"] = "30000",
        ["OpsCopilot:Monitoring:GaugeRefreshInterval"] = "00:00:00.100",
    };
}

/// <summary>The real web host with the outbox worker on, a fake gateway and a fake alert receiver, on a fresh database.</summary>
public sealed class OutboxWebHost : IAsyncDisposable
{
    private OutboxWebHost(OpsWebFactory factory, FakeHttpServer gateway, FakeHttpServer alerts, CapturedLogs logs)
    {
        Factory = factory;
        Gateway = gateway;
        Alerts = alerts;
        Logs = logs;
    }

    public OpsWebFactory Factory { get; }
    public FakeHttpServer Gateway { get; }
    public FakeHttpServer Alerts { get; }
    public CapturedLogs Logs { get; }
    public TestDatabase Db => Factory.Database;

    /// <summary>Creates everything; the host itself starts on first use (<see cref="Start"/>, a client, Services).</summary>
    public static async Task<OutboxWebHost> CreateAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var gateway = await FakeHttpServer.StartAsync();
        var alerts = await FakeHttpServer.StartAsync();
        alerts.Respond = (_, _) => new FakeResponse(204);
        var factory = new OpsWebFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        var settings = OutboxSettings.Gateway(gateway, alerts);
        configure?.Invoke(settings);
        foreach (var (key, value) in settings) factory.Settings[key] = value;
        var logs = new CapturedLogs();
        factory.TestServices = services => services.AddSingleton<ILoggerProvider>(logs);
        return new OutboxWebHost(factory, gateway, alerts, logs);
    }

    public IServiceProvider Start() => Factory.Services;

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        await Gateway.DisposeAsync();
        await Alerts.DisposeAsync();
    }
}

/// <summary>A bare generic host running only the data layer and the outbox worker: "another instance" on the same database.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost host;

    private WorkerHost(IHost host, CapturedLogs logs)
    {
        this.host = host;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }
    public IServiceProvider Services => host.Services;

    public static async Task<WorkerHost> StartAsync(TestDatabase db, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = db.AppConnectionString,
            // The workers' own login (ConnectionStrings:Worker), here the owner switching to ops_worker.
            ["ConnectionStrings:Worker"] = db.OwnerConnectionString,
        });
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Services.AddOpsData(builder.Configuration).AddOutbox();
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
