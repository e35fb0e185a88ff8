using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data;
using OpsCopilot.Data.Drivers;
using OpsCopilot.Data.Security;
using OpsCopilot.Web.Components.Shared;

namespace OpsCopilot.Web.Features.Drivers;

/// <summary>What an import did: rows read, rows imported, and every row that was not, with why.</summary>
public sealed record DriverImportReport(int RowsRead, int Imported, IReadOnlyList<ImportProblem> Problems, bool HeaderAccepted)
{
    public int Rejected => RowsRead - Imported;
}

/// <summary>
/// Imports the parsed rows one by one through <see cref="DriverService"/>, each in its own unit of work, so one
/// row's refusal never costs the others. Rules (names, numbers, duplicates in the tenant) are DriverService's;
/// this only adds "the same number twice in this file", which it can name better.
/// </summary>
public sealed class DriverCsvImporter(TenantOperations operations)
{
    public const string DefaultSource = "csv_import";

    public async Task<DriverImportReport> ImportAsync(DriverCsvFile file, Guid? by, Func<int, Task>? onProgress, CancellationToken cancellationToken)
    {
        var problems = new List<ImportProblem>(file.Problems);
        var importedPhones = new Dictionary<string, int>(StringComparer.Ordinal);
        var imported = 0;
        var done = 0;
        // The same rule as DriverService: "0664 2000001" and "+43 664 2000001" are one number in an Austrian tenant.
        var locale = file.Rows.Count == 0 ? null : await operations.RunAsync<OpsDbContext, string?>(db => db.TenantLocaleAsync(cancellationToken));
        foreach (var row in file.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var normalized = PhoneInput.TryNormalize(row.Phone, locale, out var digits);
            if (normalized && importedPhones.TryGetValue(digits, out var firstLine))
            {
                problems.Add(new ImportProblem(row.Line, "phone", $"Duplicate: line {firstLine} of this file has the same phone number and was imported."));
            }
            else
            {
                var outcome = await ImportRowAsync(row, by, problems, cancellationToken);
                if (outcome == RowOutcome.Stopped) break;
                if (outcome == RowOutcome.Imported)
                {
                    imported++;
                    if (normalized) importedPhones[digits] = row.Line;
                }
            }
            if (++done % 25 == 0 && onProgress is not null) await onProgress(done);
        }
        return new DriverImportReport(file.DataRows, imported, problems.OrderBy(p => p.Line).ToList(), file.HeaderAccepted);
    }

    private enum RowOutcome { Imported, Refused, Stopped }

    /// <summary>Adds a problem unless the row was imported; Stopped when the import cannot go on (the database is gone).</summary>
    private async Task<RowOutcome> ImportRowAsync(DriverCsvRow row, Guid? by, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        try
        {
            await operations.RunAsync<DriverService>(drivers =>
                drivers.CreateAsync(row.FullName, row.Phone, row.Subscribed, row.Source ?? DefaultSource, by, cancellationToken));
            return RowOutcome.Imported;
        }
        catch (OpsException refused)
        {
            // The one conflict a new driver can meet is an existing driver with the same number.
            var field = refused.Field ?? (refused.Kind == OpsErrorKind.Conflict ? DriverCsvParser.Phone : "row");
            problems.Add(new ImportProblem(row.Line, field, refused.Message));
            return RowOutcome.Refused;
        }
        catch (DbUpdateException failed) when (failed.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            problems.Add(new ImportProblem(row.Line, DriverCsvParser.Phone, "A driver with this phone number was added at the same time; not imported."));
            return RowOutcome.Refused;
        }
        catch (Exception failed) when (failed is DbUpdateException or Npgsql.NpgsqlException or TimeoutException)
        {
            problems.Add(new ImportProblem(row.Line, "row", $"The import stopped here, the database refused the row: {failed.GetBaseException().Message} Rows before this line were imported."));
            return RowOutcome.Stopped;
        }
    }
}
