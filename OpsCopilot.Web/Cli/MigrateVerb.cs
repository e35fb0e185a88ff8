using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Cli;

public static class MigrateVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var target = context.Option("--to");
        var options = context.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var db = OpsDataServiceCollectionExtensions.CreateOwnerContext(options.OwnerConnectionString);

        var known = db.Database.GetMigrations().ToList();
        if (target is not null && target != "0" && !known.Contains(target))
            throw new CliUsageException($"Unknown migration '{target}'. Known: {string.Join(", ", known)}.");

        await db.GetService<IMigrator>().MigrateAsync(target);
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Console.WriteLine($"Migrated: {applied.Count} of {known.Count} applied{(applied.Count > 0 ? $", latest {applied[^1]}" : "")}.");
        return 0;
    }
}
