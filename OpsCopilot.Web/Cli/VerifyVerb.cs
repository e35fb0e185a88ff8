using Microsoft.Extensions.Options;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Cli;

public static class VerifyVerb
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var options = context.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var db = OpsDataServiceCollectionExtensions.CreateOwnerContext(options.OwnerConnectionString);
        var rows = await IntegrityCheck.RunAsync(db, CancellationToken.None);
        foreach (var row in rows)
            Console.WriteLine($"{row.Status,-4}  {row.CheckName,-30}  {row.Detail}");
        var failed = rows.Count(r => !r.Passed);
        Console.WriteLine(failed == 0 ? $"All {rows.Count} checks PASS." : $"{failed} of {rows.Count} checks FAIL.");
        return failed == 0 ? 0 : 1;
    }
}
