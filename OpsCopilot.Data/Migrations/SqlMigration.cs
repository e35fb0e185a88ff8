using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsCopilot.Data.Migrations;

/// <summary>
/// A migration whose body is an embedded, numbered .sql file (SQL-first: `dotnet ef` cannot scaffold here).
/// EF's migrator still owns history, locking and --to targets.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected abstract string UpScript { get; }
    protected abstract string DownSql { get; }

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EmbeddedSql.Read(UpScript));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);
}

internal static class EmbeddedSql
{
    public static string Read(string fileName)
    {
        var assembly = typeof(EmbeddedSql).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Migration script {fileName} is not embedded.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
