using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Tests.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>The checks on the model's arguments that keep it to what the dispatcher wrote and the tenant has.</summary>
public sealed class ToolCallReaderTests
{
    private static ToolVerdict Read(string tool, object arguments, string message, InterpretationContext? context = null) =>
        ToolCallReader.Read(tool, BinaryData.FromObjectAsJson(arguments), message, context ?? PlannerHarness.Context);

    private static BroadcastRequest Broadcast(object arguments, string message, InterpretationContext? context = null) =>
        Read(PlannerTools.SendBroadcastDraft, arguments, message, context).Reading.ShouldNotBeNull().Broadcast.ShouldNotBeNull();

    private static ToolVerdict Ticket(string message, string? plate, string title = "Bremsen") =>
        Read(PlannerTools.CreateTicketDraft, new { title, vehicle_plate = plate }, message);

    [Theory]
    [InlineData("LKW W-1234 Bremsen kaputt", "W-1234", "W-1234")]
    [InlineData("W1234 Bremsen kaputt", "W-1234", "W-1234")]
    [InlineData("Sprinter WN 482 AB Bremsen kaputt", "WN-482AB", "WN-482AB")]
    [InlineData("Sprinter WN 482 AB Bremsen kaputt", "WN 482 AB", "WN-482AB")]
    public void A_plate_written_in_the_message_is_normalised(string message, string plate, string expected) =>
        Ticket(message, plate).Reading.ShouldNotBeNull().Ticket.ShouldNotBeNull().VehiclePlate.ShouldBe(expected);

    [Theory]
    [InlineData("LKW W-1234 Bremsen kaputt", "W-1235")]
    [InlineData("Wagen W 12345 Bremsen kaputt", "W-1234")]
    [InlineData("Bremsen kaputt", "W-1234")]
    [InlineData("LKW W-1234 Bremsen kaputt", "Bremsen")]
    public void A_plate_the_dispatcher_did_not_write_is_refused(string message, string plate) =>
        Ticket(message, plate).Complaint.ShouldNotBeNull().ShouldContain("is not a licence plate written in the message");

    [Fact]
    public void The_description_is_the_message_as_written_and_the_title_one_line()
    {
        var ticket = Ticket("  LKW W-1234:\nBremsen kaputt  ", "W-1234", "Bremsen\n  kaputt   LKW W-1234").Reading!.Ticket!;

        ticket.Description.ShouldBe("LKW W-1234:\nBremsen kaputt");
        ticket.Title.ShouldBe("Bremsen kaputt LKW W-1234");
    }

    [Fact]
    public void A_name_completed_by_the_model_resolves_in_either_order()
    {
        var broadcast = Broadcast(new { template_key = "shift_reminder", recipients = new[] { "Stefan Huber", "Nowak Jan", "Stefan Huber" } },
            "Schicht morgen für Stefan und Nowak");

        broadcast.Recipients.ShouldBe([ReferenceWorld.StefanHuber, ReferenceWorld.JanNowak]);
        broadcast.UnresolvedNames.ShouldBeEmpty();
    }

    [Fact]
    public void The_model_cannot_add_a_recipient_nobody_mentioned()
    {
        var broadcast = Broadcast(new { template_key = "shift_reminder", recipients = new[] { "Stefan Huber", "Max Mustermann" } },
            "Schichterinnerung für Stefan");

        broadcast.Recipients.ShouldBe([ReferenceWorld.StefanHuber]);
        broadcast.UnresolvedNames.ShouldBe(["Max Mustermann"]);
    }

    [Fact]
    public void The_model_cannot_settle_an_ambiguous_name_by_guessing_the_surname()
    {
        var broadcast = Broadcast(new { template_key = "shift_reminder", recipients = new[] { "Anna Berger" } },
            "Schichterinnerung an Anna", SampleTenant.Context());

        broadcast.Recipients.ShouldBeEmpty();
        broadcast.UnresolvedNames.ShouldBe(["Anna Berger"]);
    }

    [Fact]
    public void An_unknown_driver_is_unresolved_so_the_dispatcher_is_asked()
    {
        var broadcast = Broadcast(new { template_key = "shift_reminder", recipients = new[] { "Kevin" } }, "Schichterinnerung an Kevin");

        broadcast.Recipients.ShouldBeEmpty();
        broadcast.UnresolvedNames.ShouldBe(["Kevin"]);
    }

    [Fact]
    public void The_template_key_is_matched_without_case_and_given_back_as_the_tenant_spells_it() =>
        Broadcast(new { template_key = "Shift_Reminder", recipients = new[] { "ALL" } }, "Schichterinnerung an alle")
            .TemplateKey.ShouldBe("shift_reminder");

    [Fact]
    public void A_tenant_without_templates_tells_the_model_to_answer_help()
    {
        var context = PlannerHarness.Context with { Templates = [] };

        Read(PlannerTools.SendBroadcastDraft, new { template_key = "shift_reminder", recipients = new[] { "ALL" } }, "an alle", context)
            .Complaint.ShouldBe("This tenant has no templates; use answer_help.");
    }

    [Fact]
    public void Today_in_the_tenant_time_zone_is_allowed_even_when_it_is_still_yesterday_in_utc()
    {
        // 00:30 on 25 December in Vienna is 23:30 on 24 December in UTC.
        var context = ReferenceWorld.At(ReferenceWorld.ChristmasNightAfterLocalMidnight);

        Broadcast(new { template_key = "shift_reminder", recipients = new[] { "ALL" }, date = "2026-12-25" }, "an alle heute", context)
            .Date.ShouldBe(new DateOnly(2026, 12, 25));
        Read(PlannerTools.SendBroadcastDraft, new { template_key = "shift_reminder", recipients = new[] { "ALL" }, date = "2026-12-24" }, "an alle", context)
            .Complaint.ShouldBe("date 2026-12-24 is before today (2026-12-25).");
    }

    [Fact]
    public void Answer_help_reads_as_unknown_and_no_tool_can_read_as_a_command()
    {
        Read(PlannerTools.AnswerHelp, new { }, "Hallo").Reading.ShouldBe(MessageReading.Unknown);
        foreach (var tool in new[] { "confirm", "CONFIRM", "pair", "cancel_draft" })
            Read(tool, new { }, "ja").Reading.ShouldBeNull();
    }
}
