using System.Text;

namespace OpsCopilot.Web.Features.Drivers;

/// <summary>A data row as read; names and numbers are judged later by DriverService, like any other input.</summary>
public sealed record DriverCsvRow(int Line, string FullName, string Phone, bool Subscribed, string? Source);

/// <summary>Why one line of the file was not imported. Line is the file's line number (the header is usually line 1).</summary>
public sealed record ImportProblem(int Line, string Field, string Message);

public sealed record DriverCsvFile(IReadOnlyList<DriverCsvRow> Rows, IReadOnlyList<ImportProblem> Problems, int DataRows, bool HeaderAccepted);

/// <summary>
/// Reads the driver import file: a header with full_name, phone, subscribed and optionally source, comma- or
/// semicolon-separated (spreadsheets in German locales write semicolons), RFC 4180 quotes (delimiters, line
/// breaks and "" inside quotes), UTF-8 with or without BOM, else Latin-1. Empty lines are skipped.
/// </summary>
public static class DriverCsvParser
{
    public const int MaxDataRows = 5000;
    public const string FullName = "full_name";
    public const string Phone = "phone";
    public const string Subscribed = "subscribed";
    public const string Source = "source";

    private static readonly string[] RequiredColumns = [FullName, Phone, Subscribed];
    private static readonly string[] KnownColumns = [FullName, Phone, Subscribed, Source];
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase) { "yes", "y", "true", "1", "ja", "j" };
    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase) { "no", "n", "false", "0", "nein" };

    public static DriverCsvFile Parse(byte[] bytes) => Parse(Decode(bytes));

    /// <summary>UTF-8 (a BOM is dropped); bytes that are not UTF-8 are read as Latin-1, as older spreadsheet exports write them.</summary>
    public static string Decode(byte[] bytes)
    {
        var preamble = Encoding.UTF8.Preamble;
        var start = bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes, start, bytes.Length - start);
        }
    }

    public static DriverCsvFile Parse(string text)
    {
        text = text.TrimStart('\uFEFF');
        var delimiter = DetectDelimiter(text);
        using var records = ReadRecords(text, delimiter).Where(r => !r.IsBlank).GetEnumerator();
        if (!records.MoveNext())
            return Rejected(1, "The file is empty: the first line must be the header full_name, phone, subscribed (and optionally source).");

        var header = records.Current;
        var (columns, headerError) = ReadHeader(header);
        if (columns is null) return Rejected(header.Line, headerError!);

        var rows = new List<DriverCsvRow>();
        var problems = new List<ImportProblem>();
        var dataRows = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (dataRows == MaxDataRows)
            {
                problems.Add(new ImportProblem(record.Line, "row",
                    $"The file has more than {MaxDataRows} rows; this row and the rest were not read. Import them in a second file."));
                break;
            }
            dataRows++;
            var (row, problem) = ReadRow(record, columns);
            if (row is not null) rows.Add(row);
            if (problem is not null) problems.Add(problem);
        }
        return new DriverCsvFile(rows, problems, dataRows, HeaderAccepted: true);
    }

    private static DriverCsvFile Rejected(int line, string message) => new([], [new ImportProblem(line, "header", message)], 0, HeaderAccepted: false);

    /// <summary>The delimiter the header line uses more of: semicolon or comma.</summary>
    private static char DetectDelimiter(string text)
    {
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0) { }
        line ??= "";
        return line.Count(c => c == ';') > line.Count(c => c == ',') ? ';' : ',';
    }

    private static (Dictionary<string, int>? Columns, string? Error) ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < header.Fields.Count; index++)
        {
            var written = header.Fields[index].Trim();
            var name = written.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (name.Length == 0 && index == header.Fields.Count - 1) continue; // a trailing delimiter
            if (!KnownColumns.Contains(name))
                return (null, $"Unknown column '{written}' in the header: the columns are full_name, phone, subscribed and optionally source.");
            if (!columns.TryAdd(name, index))
                return (null, $"The header names the column {name} twice.");
        }
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return (null, $"The header lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}: the first line must be " +
                "full_name, phone, subscribed (and optionally source), separated by commas or semicolons.");
        return (columns, null);
    }

    /// <summary>The row, or what is wrong with its shape or its subscribed value.</summary>
    private static (DriverCsvRow? Row, ImportProblem? Problem) ReadRow(CsvRecord record, Dictionary<string, int> columns)
    {
        ImportProblem Problem(string field, string message) => new(record.Line, field, message);

        if (record.UnclosedQuote)
            return (null, Problem("row", "A quoted value is not closed: the row runs to the end of the file."));
        var width = columns.Values.Max() + 1;
        var values = record.Fields.Count;
        // Spreadsheets often leave empty cells after the last column; anything else beyond it is a misplaced delimiter.
        if (values > width && record.Fields.Skip(width).Any(f => f.Trim().Length > 0))
            return (null, Problem("row", $"The row has {values} values but the header has {width} columns; put a value that contains the delimiter in double quotes."));
        if (values < width)
            return (null, Problem("row", $"The row has {values} value{(values == 1 ? "" : "s")} but the header has {width} columns."));

        string Value(string column) => columns.TryGetValue(column, out var index) ? record.Fields[index].Trim() : "";
        var subscribed = Value(Subscribed);
        bool isSubscribed;
        if (Yes.Contains(subscribed)) isSubscribed = true;
        else if (No.Contains(subscribed)) isSubscribed = false;
        else
            return (null, Problem(Subscribed, subscribed.Length == 0
                ? "subscribed is empty: write yes or no (also true/false, 1/0, ja/nein)."
                : $"subscribed must be yes or no (also true/false, 1/0, ja/nein), not '{subscribed}'."));

        var source = Value(Source);
        return (new DriverCsvRow(record.Line, Value(FullName), Value(Phone), isSubscribed, source.Length == 0 ? null : source), null);
    }

    private sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool UnclosedQuote)
    {
        public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
    }

    /// <summary>RFC 4180 records, each with the line it starts on; \r\n, \n and \r end a record outside quotes.</summary>
    private static IEnumerable<CsvRecord> ReadRecords(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var index = 0;
        while (index < text.Length)
        {
            var c = text[index];
            if (quoted)
            {
                if (c == '"' && index + 1 < text.Length && text[index + 1] == '"') { field.Append('"'); index += 2; continue; }
                if (c == '"') { quoted = false; index++; continue; }
                if (c == '\n') line++;
                field.Append(c);
                index++;
                continue;
            }
            if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return new CsvRecord(recordLine, fields.ToList(), UnclosedQuote: false);
                fields.Clear();
                if (c == '\r' && index + 1 < text.Length && text[index + 1] == '\n') index++;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
            index++;
        }
        if (quoted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToList(), UnclosedQuote: quoted);
        }
    }
}
