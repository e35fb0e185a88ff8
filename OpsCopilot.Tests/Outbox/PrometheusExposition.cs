using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCopilot.Tests.Outbox;

/// <summary>
/// A strict reader of the Prometheus text format (0.0.4) for assertions: every sample line must be
/// name{labels} value, every family declared once by # TYPE before its samples.
/// </summary>
public static partial class PrometheusExposition
{
    public static IReadOnlyDictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                comment.Success.ShouldBeTrue($"bad comment line: {line}");
                if (comment.Groups["kind"].Value == "TYPE")
                    types.TryAdd(comment.Groups["name"].Value, comment.Groups["rest"].Value).ShouldBeTrue($"family declared twice: {line}");
                continue;
            }

            var sample = Sample().Match(line);
            sample.Success.ShouldBeTrue($"not 'name{{labels}} value': {line}");
            var name = sample.Groups["name"].Value;
            types.Keys.ShouldContain(family => name == family || name == family + "_bucket" || name == family + "_sum" || name == family + "_count",
                $"sample before its # TYPE: {line}");
            samples.TryAdd(name + sample.Groups["labels"].Value, ParseValue(sample.Groups["value"].Value)).ShouldBeTrue($"duplicate series: {line}");
        }
        return samples;
    }

    public static double ValueOrZero(this IReadOnlyDictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$""")]
    private static partial Regex Comment();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?<value>[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf)|NaN)$""")]
    private static partial Regex Sample();
}
