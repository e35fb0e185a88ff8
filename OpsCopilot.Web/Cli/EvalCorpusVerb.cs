using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Data.Conversations.Understanding.Evaluation;
using OpsCopilot.Data.Demo;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Web.Cli;

/// <summary>
/// eval-corpus FILE.jsonl [--min-accuracy P] [--at INSTANT]…: reads every line of a corpus file (the schema of
/// shared/corpus/README.md) with the configured interpreter against a throwaway database holding the corpus's reference
/// world (a tenant in Europe/Vienna with ReferenceWorld's drivers and templates, loaded the way the webhook loads
/// them), and prints accuracy per intent, the confusion table and every miss. Relative dates count from each
/// --at instant (default: now). Exit 0 when every instant reaches the minimum accuracy (default 100), 1 below it,
/// 2 for a bad file or usage. The database is dropped afterwards.
/// </summary>
public static class EvalCorpusVerb
{
    private const double DefaultMinAccuracy = 100;

    public static async Task<int> RunAsync(CliContext context)
    {
        var named = context.Args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(context.Args, i + 1))
            .FirstOrDefault() ?? throw new CliUsageException("Name the corpus file: eval-corpus FILE.jsonl");
        var path = Locate(named) ?? throw new CliUsageException($"No such file: {named}");
        var minAccuracy = context.Option("--min-accuracy") is { } min
            ? double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 100
                ? parsed
                : throw new CliUsageException("--min-accuracy must be a number from 0 to 100.")
            : DefaultMinAccuracy;
        var instants = Instants(context.Args);

        IReadOnlyList<CorpusLine> lines;
        try
        {
            lines = CorpusLine.ReadAll(path);
        }
        catch (InvalidDataException bad)
        {
            await Console.Error.WriteLineAsync($"eval-corpus: {bad.Message}");
            return 2;
        }

        if (lines.Count == 0) throw new CliUsageException($"{path} holds no corpus lines.");

        var options = context.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var interpreter = context.Services.GetRequiredService<IMessageInterpreter>();
        await using var database = await EvalDatabase.CreateAsync(options.OwnerConnectionString);
        var passed = true;
        foreach (var instant in instants)
        {
            var world = await database.LoadWorldAsync(instant, CancellationToken.None);
            var outcomes = await CorpusEvaluator.EvaluateAsync(lines, interpreter, world, CancellationToken.None);
            var accuracy = CorpusReport.Accuracy(outcomes);
            Console.WriteLine(CorpusReport.Format(
                string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} read at {instant:yyyy-MM-dd HH:mm zzz}"), outcomes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"eval-corpus: {accuracy:0.0} % of {outcomes.Count} lines (minimum {minAccuracy:0.#} %): {(accuracy >= minAccuracy ? "PASS" : "FAIL")}"));
            passed &= accuracy >= minAccuracy;
        }

        return passed ? 0 : 1;
    }

    private static bool IsOptionValue(string[] args, int index) =>
        index > 0 && args[index - 1] is "--at" or "--min-accuracy";

    /// <summary>
    /// A relative path is the caller's: `dotnet run --project` may start the host in another directory, so the shell's
    /// PWD is tried as well.
    /// </summary>
    private static string? Locate(string path)
    {
        if (File.Exists(path)) return Path.GetFullPath(path);
        if (!Path.IsPathRooted(path) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shellDirectory
            && File.Exists(Path.Combine(shellDirectory, path)))
            return Path.Combine(shellDirectory, path);
        return null;
    }

    private static List<DateTimeOffset> Instants(string[] args)
    {
        var instants = new List<DateTimeOffset>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--at") continue;
            if (i + 1 >= args.Length || !DateTimeOffset.TryParse(args[i + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw new CliUsageException("--at needs an instant such as 2026-01-14T19:45:00+01:00.");
            instants.Add(at);
        }

        return instants.Count > 0 ? instants : [DateTimeOffset.UtcNow];
    }

    /// <summary>A database of its own, migrated and seeded with the reference world, dropped on dispose.</summary>
    private sealed class EvalDatabase : IAsyncDisposable
    {
        private readonly string adminConnectionString;
        private readonly string name;
        private readonly OpsDbContext db;
        private readonly int tenantId;

        private EvalDatabase(string adminConnectionString, string name, OpsDbContext db, int tenantId)
        {
            this.adminConnectionString = adminConnectionString;
            this.name = name;
            this.db = db;
            this.tenantId = tenantId;
        }

        public static async Task<EvalDatabase> CreateAsync(string ownerConnectionString)
        {
            var admin = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false };
            var name = "ops_eval_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Database = name, Pooling = false };
            var db = OpsDataServiceCollectionExtensions.CreateOwnerContext(owner.ConnectionString);
            try
            {
                await db.Database.MigrateAsync();
                var tenant = new Tenant { Name = "Corpus reference world", Timezone = "Europe/Vienna" };
                db.Tenants.Add(tenant);
                await db.SaveChangesAsync();
                db.Tenant.Use(tenant.Id);
                await ReferenceWorld.SeedAsync(db, tenant.Id, CancellationToken.None);
                return new EvalDatabase(admin.ConnectionString, name, db, tenant.Id);
            }
            catch
            {
                await db.DisposeAsync();
                await DropAsync(admin.ConnectionString, name);
                throw;
            }
        }

        /// <summary>Drivers, templates and time zone as the webhook's InterpretationContextLoader reads them.</summary>
        public Task<InterpretationContext> LoadWorldAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            db.Tenant.Use(tenantId);
            return new InterpretationContextLoader(db, new InterpretationContextSnapshots()).LoadAsync(receivedAt, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await db.DisposeAsync();
            await DropAsync(adminConnectionString, name);
        }

        private static async Task DropAsync(string adminConnectionString, string name)
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
