using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OpsCopilot.Tests.Infrastructure;

// Shared with bench/ (linked there, like WebHostProcess, hence internal): no test framework in this file.

internal sealed record CapturedParameter(string Name, NpgsqlTypes.NpgsqlDbType Type, object? Value);

internal sealed record CapturedCommand(string Text, IReadOnlyList<CapturedParameter> Parameters);

internal sealed record PlanNode(string Type, string? Index, string? Relation);

/// <summary>Reads PostgreSQL's <c>EXPLAIN (FORMAT JSON)</c> plan tree.</summary>
internal static class PlanTree
{
    /// <summary>The plan's nodes, depth first from the root.</summary>
    public static IEnumerable<PlanNode> Nodes(JsonElement plan)
    {
        yield return new PlanNode(plan.GetProperty("Node Type").GetString()!,
            plan.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
            plan.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null);
        if (!plan.TryGetProperty("Plans", out var children)) yield break;
        foreach (var child in children.EnumerateArray())
        foreach (var node in Nodes(child))
            yield return node;
    }

    /// <summary>"Limit → Index Scan (ix_events_page) → Seq Scan (drivers)": the index a node reads, else its table.</summary>
    public static string Describe(IEnumerable<PlanNode> nodes) =>
        string.Join(" → ", nodes.Select(n => n.Index is not null ? $"{n.Type} ({n.Index})" : n.Relation is not null ? $"{n.Type} ({n.Relation})" : n.Type));
}

/// <summary>Keeps the text and parameters of every query EF executes.</summary>
internal sealed class CommandCapture : DbCommandInterceptor, IEnumerable<CapturedCommand>
{
    private readonly List<CapturedCommand> commands = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Capture(DbCommand command)
    {
        lock (commands)
            commands.Add(new CapturedCommand(command.CommandText,
                command.Parameters.Cast<NpgsqlParameter>().Select(p => new CapturedParameter(p.ParameterName, p.NpgsqlDbType, p.Value)).ToList()));
    }

    public IEnumerator<CapturedCommand> GetEnumerator()
    {
        lock (commands) return commands.ToList().GetEnumerator();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
