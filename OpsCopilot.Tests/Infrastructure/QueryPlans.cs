using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpsCopilot.Data;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// Proves the shape of the SQL EF really sends: capture it from a runtime context, then ask PostgreSQL for its plan
/// (as the owner, and as ops_app under row-level security).
/// </summary>
internal static class QueryPlans
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

    /// <summary>
    /// Asserts a page query is served from the named index, newest first without sorting and stopped by LIMIT, as the
    /// owner and as the runtime role under row-level security. Small tables joined for display may still be scanned.
    /// </summary>
    public static Task ShouldPageFromIndexAsync(TestDatabase database, int tenantId, CapturedCommand pageQuery, string indexName, string table) =>
        ShouldReadThroughIndexAsync(database, tenantId, pageQuery, indexName, table,
            nodes => nodes[0].Type.ShouldBe("Limit", PlanTree.Describe(nodes)));

    /// <summary>
    /// Asserts a list's count is capped (LIMIT cap + 1 inside the count) and counted through the named index without
    /// sorting or reading the table from end to end, as the owner and as the runtime role under row-level security.
    /// </summary>
    public static Task ShouldCountFromIndexAsync(TestDatabase database, int tenantId, CapturedCommand countQuery, string indexName, string table)
    {
        countQuery.Text.ShouldContain("LIMIT");
        countQuery.Parameters.ShouldContain(p => Equals(p.Value, Paging.CountCap + 1), countQuery.Text);
        return ShouldReadThroughIndexAsync(database, tenantId, countQuery, indexName, table,
            nodes => nodes.ShouldContain(n => n.Type == "Limit", PlanTree.Describe(nodes)));
    }

    /// <summary>The named index, no sort, no sequential scan of the table, and the caller's own check, in both plans.</summary>
    private static async Task ShouldReadThroughIndexAsync(TestDatabase database, int tenantId, CapturedCommand query, string indexName, string table,
        Action<List<PlanNode>> alsoCheck)
    {
        foreach (var plan in new[] { await ExplainAsync(database.OwnerConnectionString, null, query),
                                     await ExplainAsync(database.AppConnectionString, tenantId, query) })
        {
            var nodes = PlanTree.Nodes(plan).ToList();
            nodes.ShouldContain(n => n.Type.Contains("Index", StringComparison.Ordinal) && n.Index == indexName, PlanTree.Describe(nodes));
            nodes.ShouldNotContain(n => n.Type == "Seq Scan" && n.Relation == table, PlanTree.Describe(nodes));
            nodes.ShouldNotContain(n => n.Type == "Sort", PlanTree.Describe(nodes));
            alsoCheck(nodes);
        }
    }
}
