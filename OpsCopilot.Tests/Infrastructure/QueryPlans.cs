using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Tests.Infrastructure;

public sealed record CapturedParameter(string Name, NpgsqlTypes.NpgsqlDbType Type, object? Value);

public sealed record CapturedCommand(string Text, IReadOnlyList<CapturedParameter> Parameters);

public sealed record PlanNode(string Type, string? Index, string? Relation);

/// <summary>
/// Proves the shape of the SQL EF really sends: capture it from a runtime context, then ask PostgreSQL for its plan
/// (as the owner, and as ops_app under row-level security).
/// </summary>
public static class QueryPlans
{
    /// <summary>The runtime context as the host builds it (ops_app, tenant interceptor, filters), plus a command capture.</summary>
    public static OpsDbContext RuntimeContext(TestDatabase database, int tenantId, CommandCapture capture)
    {
        var tenant = new TenantContext();
        tenant.Use(tenantId);
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        OpsDataServiceCollectionExtensions.Configure(options, database.AppConnectionString);
        options.AddInterceptors(new TenantConnectionInterceptor(tenant, "ops_app"), capture);
        return new OpsDbContext(options.Options, tenant);
    }

    public static async Task<JsonElement> ExplainAsync(string connectionString, int? tenantId, CapturedCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (tenantId is { } id)
        {
            await using var tenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
            tenant.Parameters.AddWithValue(id.ToString(CultureInfo.InvariantCulture));
            await tenant.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.Text, connection);
        foreach (var parameter in command.Parameters)
            explain.Parameters.Add(new NpgsqlParameter(parameter.Name, parameter.Type) { Value = parameter.Value });
        var json = (string)(await explain.ExecuteScalarAsync())!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

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

    public static string Describe(IEnumerable<PlanNode> nodes) =>
        string.Join(" → ", nodes.Select(n => n.Index is null ? n.Type : $"{n.Type} ({n.Index})"));

    /// <summary>
    /// Asserts a page query is served from the named index, newest first without sorting and stopped by LIMIT, as the
    /// owner and as the runtime role under row-level security. Small tables joined for display may still be scanned.
    /// </summary>
    public static async Task ShouldPageFromIndexAsync(TestDatabase database, int tenantId, CapturedCommand pageQuery, string indexName, string table)
    {
        foreach (var plan in new[] { await ExplainAsync(database.OwnerConnectionString, null, pageQuery),
                                     await ExplainAsync(database.AppConnectionString, tenantId, pageQuery) })
        {
            var nodes = Nodes(plan).ToList();
            nodes.ShouldContain(n => n.Type.Contains("Index", StringComparison.Ordinal) && n.Index == indexName, Describe(nodes));
            nodes.ShouldNotContain(n => n.Type == "Seq Scan" && n.Relation == table, Describe(nodes));
            nodes.ShouldNotContain(n => n.Type == "Sort", Describe(nodes));
            nodes[0].Type.ShouldBe("Limit", Describe(nodes));
        }
    }
}

/// <summary>Keeps the text and parameters of every query EF executes.</summary>
public sealed class CommandCapture : DbCommandInterceptor, IEnumerable<CapturedCommand>
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
