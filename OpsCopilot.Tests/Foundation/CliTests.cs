using System.Diagnostics;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.Foundation;

/// <summary>The operator verbs, run as an operator runs them: the built host assembly in its own process.</summary>
public sealed class CliTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, string? stdin, params string[] args) =>
        RunAsync(database, stdin, Timeout.InfiniteTimeSpan, args);

    private static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, string? stdin, TimeSpan limit, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OpsCopilot.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Default"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__Migrations"] = database.OwnerConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{args[0]} did not finish within {limit}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Migrate_to_an_earlier_step_then_all_then_verify_seed_and_create()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var partial = await RunAsync(database, null, "migrate", "--to", "20261101000002_OpsSchema");
        partial.ExitCode.ShouldBe(0, partial.Output);
        partial.Output.ShouldContain("2 of");
        (await RunAsync(database, null, "verify")).ExitCode.ShouldBe(1);

        var full = await RunAsync(database, null, "migrate");
        full.ExitCode.ShouldBe(0, full.Output);
        var verify = await RunAsync(database, null, "verify");
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.Split('\n').Count(l => l.StartsWith("PASS", StringComparison.Ordinal)).ShouldBe(6);

        var seed = await RunAsync(database, null, "seed-demo");
        seed.ExitCode.ShouldBe(0, seed.Output);
        seed.Output.ShouldContain("admin@demo.local");
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = 1")).ShouldBe(6L);
        (await RunAsync(database, null, "seed-demo")).ExitCode.ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.drivers WHERE tenant_id = 1")).ShouldBe(6L);

        var tenant = await RunAsync(database, null, "create-tenant", "--name", "Spedition Graz", "--timezone", "Europe/Vienna");
        tenant.ExitCode.ShouldBe(0, tenant.Output);
        var user = await RunAsync(database, "Graz-Password-1", "create-user", "--tenant", "Spedition Graz", "--email", "lead@graz.example", "--role", "Dispatcher");
        user.ExitCode.ShouldBe(0, user.Output);
        (await database.ScalarAsync<string>("SELECT password_hash FROM auth.users WHERE email = 'lead@graz.example'") ?? "").ShouldNotContain("Graz-Password-1");
    }

    [Theory]
    [InlineData(2, "create-tenant")]
    [InlineData(2, "create-user", "--tenant", "1", "--email", "a@b.example", "--role", "Boss")]
    [InlineData(2, "migrate", "--to", "20990101000000_Nope")]
    [InlineData(1, "create-tenant", "--name", "X", "--timezone", "Mars/Olympus")]
    [InlineData(1, "create-user", "--tenant", "999", "--email", "a@b.example", "--role", "Dispatcher")]
    public async Task Bad_usage_and_impossible_requests_exit_non_zero_with_a_message(int exitCode, params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync();
        var result = await RunAsync(database, "Some-Password-1", args);
        result.ExitCode.ShouldBe(exitCode, result.Output);
        result.Output.ShouldNotContain("Unhandled exception");
        result.Output.Trim().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("--OpsCopilot:Retention:BatchSize=0", "BatchSize")]
    [InlineData("--OpsCopilot:Retention:IngestDedupDays=0", "IngestDedupDays")]
    public async Task Retention_refuses_settings_the_host_would_refuse_instead_of_looping_under_its_lock(string setting, string named)
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("INSERT INTO ops.ingest_dedup (idempotency_key, wa_user_id, created_at) VALUES ('old-key', '436641234567', now() - interval '30 days')");

        // Bounded only so that the old behaviour (a loop that never ends) fails instead of hanging the run.
        var result = await RunAsync(database, null, TimeSpan.FromMinutes(2), "retention", setting);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Output.ShouldContain(named);
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup")).ShouldBe(1L);
        (await RunAsync(database, null, "retention")).ExitCode.ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup")).ShouldBe(0L);
    }

    [Fact]
    public async Task Create_user_refuses_a_missing_password()
    {
        await using var database = await TestDatabase.CreateAsync();
        (await RunAsync(database, null, "create-tenant", "--name", "T")).ExitCode.ShouldBe(0);
        var result = await RunAsync(database, null, "create-user", "--tenant", "T", "--email", "a@b.example", "--role", "Dispatcher");
        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("stdin");
    }
}
