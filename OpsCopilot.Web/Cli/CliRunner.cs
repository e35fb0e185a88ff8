using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Web.Features.Planner;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// Operator verbs of the host: `dotnet run --project OpsCopilot.Web -- &lt;verb&gt;`. They run as the owner
/// connection (ConnectionStrings:Migrations, else the runtime one). Exit codes: 0 ok, 1 failed, 2 usage.
/// </summary>
public static class CliRunner
{
    private static readonly Dictionary<string, Func<CliContext, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = MigrateVerb.RunAsync,
        ["verify"] = VerifyVerb.RunAsync,
        ["seed-demo"] = SeedDemoVerb.RunAsync,
        ["create-tenant"] = CreateTenantVerb.RunAsync,
        ["create-user"] = CreateUserVerb.RunAsync,
        ["unblock-message"] = UnblockMessageVerb.RunAsync,
        ["drain-notifications"] = DrainNotificationsVerb.RunAsync,
        ["retention"] = RetentionVerb.RunAsync,
        ["eval-corpus"] = EvalCorpusVerb.RunAsync,
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && (Verbs.ContainsKey(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        // Configuration overrides may follow the verb as --Key=Value; the verb's own options are read separately.
        var overrides = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = overrides, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddRunbookAliases();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpsAdministration(builder.Configuration);
        builder.Services.AddMessageUnderstanding();

        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var context = new CliContext(args, scope.ServiceProvider, host.Services.GetRequiredService<IConfiguration>());
        try
        {
            return await Verbs[args[0]](context);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or ArgumentException or InvalidOperationException or FormatException or Npgsql.NpgsqlException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }

    public const string Usage = """
        Usage: dotnet run --project OpsCopilot.Web -- <verb> [options]
          migrate [--to <migration>]      apply migrations (or move to the named one, e.g. 20261101000002_OpsSchema)
          verify                          print ops.verify_ops_copilot_integrity(); exit 1 on any FAIL
          seed-demo                       tenant 1 with the corpus reference world and demo users
          create-tenant --name N [--timezone Z]
          create-user --tenant N --email E --role TenantAdmin|Dispatcher   (password on stdin)
          unblock-message --message-id X  let a processed message id be processed again (audited)
          drain-notifications [--tenant N] re-queue failed notifications (the runbook's drain), audited per tenant
          retention                       purge old ingest dedup keys, expired webhook logs, old delivered notifications now
          eval-corpus FILE.jsonl [--min-accuracy P] [--at INSTANT]...
                                          read a corpus file against a throwaway database with the reference world;
                                          accuracy per intent, confusion table, every miss; exit 1 below P % (default 100)
        """;
}

public sealed record CliContext(string[] Args, IServiceProvider Services, IConfiguration Configuration)
{
    public string? Option(string name)
    {
        var index = Array.IndexOf(Args, name);
        if (index < 0) return null;
        if (index + 1 >= Args.Length || Args[index + 1].StartsWith("--", StringComparison.Ordinal))
            throw new CliUsageException($"{name} needs a value.");
        return Args[index + 1];
    }

    public string Required(string name) => Option(name) ?? throw new CliUsageException($"{name} is required.");
}

public sealed class CliUsageException(string message) : Exception(message);
