namespace OpsCopilot.Tests.Understanding;

/// <summary>
/// Finds shared/corpus/intents.dev.jsonl: in OPS_CORPUS_DIR when set (./test.sh sets it for a clone that sits
/// elsewhere), else next to (or above) the repository the tests run from.
/// </summary>
public static class CorpusFile
{
    private static readonly string[] RelativeParts = ["shared", "corpus", "intents.dev.jsonl"];

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("OPS_CORPUS_DIR") is { Length: > 0 } configured)
        {
            var file = Path.Combine(configured, RelativeParts[^1]);
            return File.Exists(file) ? file : throw new FileNotFoundException($"OPS_CORPUS_DIR is {configured}, which has no {RelativeParts[^1]}.", file);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine([directory.FullName, .. RelativeParts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"No {string.Join('/', RelativeParts)} found in any parent of {AppContext.BaseDirectory}.");
    }

    /// <summary>The project's own corpus (corpus/dispatcher.dev.jsonl), found above the test assembly.</summary>
    public static string LocateDispatcherCorpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "corpus", "dispatcher.dev.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No corpus/dispatcher.dev.jsonl in any parent of {AppContext.BaseDirectory}.");
    }

    /// <summary>Non-blank lines with their 1-based line numbers.</summary>
    public static IReadOnlyList<(int LineNumber, string Json)> ReadLines(string? path = null) =>
        File.ReadAllLines(path ?? Locate())
            .Select((line, index) => (LineNumber: index + 1, Json: line.Trim()))
            .Where(line => line.Json.Length > 0)
            .ToList();
}
