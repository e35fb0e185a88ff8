using System.Text;
using OpsCopilot.Web.Features.Drivers;

namespace OpsCopilot.Tests.Console;

public sealed class DriverCsvParserTests
{
    [Fact]
    public void Comma_separated_rows_are_read_with_their_line_numbers()
    {
        var file = DriverCsvParser.Parse("full_name,phone,subscribed\nMax Mustermann,+43 664 1000001,yes\nAnna Berger,436641000002,no\n");

        file.HeaderAccepted.ShouldBeTrue();
        file.Problems.ShouldBeEmpty();
        file.DataRows.ShouldBe(2);
        file.Rows.ShouldBe(
        [
            new DriverCsvRow(2, "Max Mustermann", "+43 664 1000001", true, null),
            new DriverCsvRow(3, "Anna Berger", "436641000002", false, null),
        ]);
    }

    [Fact]
    public void Semicolons_are_recognised_from_the_header_so_commas_can_stay_in_values()
    {
        var file = DriverCsvParser.Parse("full_name;phone;subscribed;source\r\nGruber, Petra;436641000006;ja;Papier, unterschrieben\r\n");

        file.Rows.Single().ShouldBe(new DriverCsvRow(2, "Gruber, Petra", "436641000006", true, "Papier, unterschrieben"));
    }

    [Fact]
    public void Quoted_values_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var file = DriverCsvParser.Parse(
            "full_name,phone,subscribed,source\n" +
            "\"Huber, Stefan \"\"Steff\"\"\",436641000003,1,\"form\nsigned\"\n" +
            "  \"Jan Nowak\"  ,436641000005,0,\n");

        file.Problems.ShouldBeEmpty();
        file.Rows[0].ShouldBe(new DriverCsvRow(2, "Huber, Stefan \"Steff\"", "436641000003", true, "form\nsigned"));
        file.Rows[1].ShouldBe(new DriverCsvRow(4, "Jan Nowak", "436641000005", false, null));
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_dropped_and_Latin1_files_keep_their_umlauts()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("full_name,phone,subscribed\nJürgen Weiß,436641000009,yes\n")).ToArray();
        var latin1 = Encoding.Latin1.GetBytes("full_name;phone;subscribed\nJürgen Weiß;436641000009;yes\n");

        DriverCsvParser.Parse(utf8).Rows.Single().FullName.ShouldBe("Jürgen Weiß");
        DriverCsvParser.Parse(latin1).Rows.Single().FullName.ShouldBe("Jürgen Weiß");
        DriverCsvParser.Parse("\uFEFFfull_name,phone,subscribed\nA,436641000009,no").HeaderAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Empty_and_blank_lines_are_skipped_but_line_numbers_stay_those_of_the_file()
    {
        var file = DriverCsvParser.Parse("\n\nfull_name,phone,subscribed\n\n   \n,,\nAnna,436641000002,no\n\n");

        file.DataRows.ShouldBe(1);
        file.Rows.Single().Line.ShouldBe(7);
    }

    [Fact]
    public void Header_names_ignore_case_spaces_and_order_and_a_trailing_delimiter()
    {
        var file = DriverCsvParser.Parse("Subscribed;Full Name;PHONE;\nno;Anna;436641000002;\n");

        file.Rows.Single().ShouldBe(new DriverCsvRow(2, "Anna", "436641000002", false, null));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("name,phone,subscribed\n", "Unknown column 'name' in the header")]
    [InlineData("full_name,phone\nMax,436641000001\n", "The header lacks the column subscribed:")]
    [InlineData("phone\n436641000001\n", "The header lacks the columns full_name, subscribed:")]
    [InlineData("full_name,phone,phone,subscribed\n", "The header names the column phone twice.")]
    [InlineData("Max Mustermann,436641000001,yes\n", "Unknown column 'Max Mustermann' in the header")]
    public void A_wrong_header_rejects_the_whole_file_with_the_reason(string csv, string reason)
    {
        var file = DriverCsvParser.Parse(csv);

        file.HeaderAccepted.ShouldBeFalse();
        file.Rows.ShouldBeEmpty();
        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Field.ShouldBe("header");
        problem.Message.ShouldStartWith(reason);
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_and_field_and_the_good_ones_kept()
    {
        var file = DriverCsvParser.Parse(
            "full_name,phone,subscribed\n" +
            "Max,436641000001,yes\n" +
            "Anna,436641000002,maybe\n" +
            "Stefan,436641000003,\n" +
            "Leyla,436641000004\n" +
            "Jan,436641000005,no,extra\n" +
            "Petra,436641000006,NEIN,,\n" +
            "Open,\"436641000007,yes\n");

        file.Rows.Select(r => r.FullName).ShouldBe(["Max", "Petra"]);
        file.DataRows.ShouldBe(7);
        file.Problems.Select(p => (p.Line, p.Field)).ShouldBe([(3, "subscribed"), (4, "subscribed"), (5, "row"), (6, "row"), (8, "row")]);
        file.Problems[0].Message.ShouldBe("subscribed must be yes or no (also true/false, 1/0, ja/nein), not 'maybe'.");
        file.Problems[1].Message.ShouldStartWith("subscribed is empty");
        file.Problems[2].Message.ShouldBe("The row has 2 values but the header has 3 columns.");
        file.Problems[3].Message.ShouldStartWith("The row has 4 values but the header has 3 columns; put a value that contains the delimiter in double quotes.");
        file.Problems[4].Message.ShouldStartWith("A quoted value is not closed");
    }

    [Fact]
    public void Rows_beyond_the_limit_are_not_read_and_the_first_of_them_says_so()
    {
        var csv = new StringBuilder("full_name,phone,subscribed\n");
        for (var i = 0; i < DriverCsvParser.MaxDataRows + 3; i++) csv.Append("Driver ").Append(i).Append(",4366410").Append(i.ToString("00000")).Append(",yes\n");

        var file = DriverCsvParser.Parse(csv.ToString());

        file.Rows.Count.ShouldBe(DriverCsvParser.MaxDataRows);
        file.DataRows.ShouldBe(DriverCsvParser.MaxDataRows);
        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(DriverCsvParser.MaxDataRows + 2);
        problem.Message.ShouldStartWith($"The file has more than {DriverCsvParser.MaxDataRows} rows");
    }
}
