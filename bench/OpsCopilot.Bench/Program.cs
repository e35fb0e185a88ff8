namespace OpsCopilot.Bench;

/// <summary>
/// The ingest benchmark (docs/benchmarks.md): the real host against pgbench doing the same writes, in one run.
/// A named entry point, not top-level statements: the tests reference both this and OpsCopilot.Web, whose
/// Program class WebApplicationFactory needs unambiguous.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        var result = await BenchRunner.RunAsync(options, Console.Out);
        if (options.OutputPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, BenchReport.Markdown(result));
            Console.WriteLine($"Results written to {path}");
        }

        Console.WriteLine(BenchReport.Summary(result));
        return result.Verified ? 0 : 1;
    }
}
