using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Tests.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>Good tool calls from the (fake) model become the reading, and the request carries the tenant.</summary>
public sealed class PlannerReadingTests
{
    private const string SqueakyBrakes = "Der Laster W-1234 quietscht beim Bremsen";

    [Fact]
    public async Task A_ticket_tool_call_becomes_the_ticket_reading()
    {
        await using var planner = await PlannerHarness.StartAsync(
            ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = "Quietschende Bremsen LKW W-1234", vehicle_plate = "W-1234" }));

        var reading = await planner.ReadAsync(SqueakyBrakes);

        reading.ShouldReadLike(new MessageReading(MessageIntent.CreateTicket)
        {
            Ticket = new TicketRequest("Quietschende Bremsen LKW W-1234", SqueakyBrakes, "W-1234"),
        });
        planner.Endpoint.Requests.Count.ShouldBe(1);
        planner.FallbackReasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_broadcast_tool_call_resolves_the_names_and_shapes_the_params_like_the_rules()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.SendBroadcastDraft, new
        {
            template_key = "shift_reminder",
            recipients = new[] { "Stefan Huber", "Jan Nowak" },
            date = "2026-01-15",
            time = "06:00",
            @params = new { driver_name = "Stefan", date = "morgen", depot = "Nord" },
        }));

        var reading = await planner.ReadAsync("Sag Stefan und Jan, dass sie morgen um 6 anfangen");

        reading.Intent.ShouldBe(MessageIntent.SendBroadcast);
        var broadcast = reading.Broadcast.ShouldNotBeNull();
        broadcast.TemplateKey.ShouldBe("shift_reminder");
        broadcast.AllDrivers.ShouldBeFalse();
        broadcast.Recipients.ShouldBe([ReferenceWorld.StefanHuber, ReferenceWorld.JanNowak]);
        broadcast.UnresolvedNames.ShouldBeEmpty();
        broadcast.Date.ShouldBe(new DateOnly(2026, 1, 15));
        broadcast.Time.ShouldBe(new TimeOnly(6, 0));
        // driver_name is filled per recipient later; "depot" is no param of the template; date/time in the rules' formats.
        broadcast.Params.OrderBy(p => p.Key).ShouldBe(
            [new("date", "15.01.2026"), new("time", "06:00")]);
    }

    [Fact]
    public async Task ALL_addresses_every_driver()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.SendBroadcastDraft,
            new { template_key = "route_change", recipients = new[] { "ALL" }, date = "2026-01-16", @params = new { route = "Umleitung über B7" } }));

        var broadcast = (await planner.ReadAsync("Alle: Freitag Umleitung über B7")).Broadcast.ShouldNotBeNull();

        broadcast.AllDrivers.ShouldBeTrue();
        broadcast.Recipients.ShouldBeEmpty();
        broadcast.Params["route"].ShouldBe("Umleitung über B7");
        broadcast.Params["date"].ShouldBe("16.01.2026");
    }

    [Fact]
    public async Task Answer_help_means_nothing_is_drafted()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }));

        (await planner.ReadAsync("Wie war das Wochenende?")).ShouldBe(MessageReading.Unknown);
        planner.FallbackReasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_request_carries_the_api_key_the_model_the_tools_and_the_tenant()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }));

        await planner.ReadAsync("Wie war das Wochenende?");

        var request = planner.Endpoint.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/v1/chat/completions");
        request.Authorization.ShouldBe("Bearer " + PlannerHarness.ApiKey);
        request.Body["model"]!.GetValue<string>().ShouldBe(PlannerHarness.Model);
        request.Body["tool_choice"]!.GetValue<string>().ShouldBe("required");
        request.ToolNames.ShouldBe([PlannerTools.CreateTicketDraft, PlannerTools.SendBroadcastDraft, PlannerTools.AnswerHelp], ignoreOrder: true);
        request.Messages.Last()!["content"]!.ToString().ShouldContain("Wie war das Wochenende?");

        var prompt = request.SystemPrompt;
        foreach (var driver in ReferenceWorld.Drivers) prompt.ShouldContain(driver.FullName);
        prompt.ShouldContain("shift_reminder: driver_name, date, time");
        prompt.ShouldContain("route_change: driver_name, date, route");
        prompt.ShouldContain("depot_closure");
        prompt.ShouldContain("Europe/Vienna");
        prompt.ShouldContain("Wednesday 2026-01-14 19:45");
    }

    [Fact]
    public async Task A_rejected_call_is_explained_to_the_model_which_may_correct_itself()
    {
        await using var planner = await PlannerHarness.StartAsync(
            ScriptedAnswer.Call(PlannerTools.SendBroadcastDraft, new { template_key = "schicht_erinnerung", recipients = new[] { "ALL" } }),
            ScriptedAnswer.Call(PlannerTools.SendBroadcastDraft, new { template_key = "shift_reminder", recipients = new[] { "ALL" } }));

        var reading = await planner.ReadAsync("Schicht-Erinnerung an alle");

        reading.Broadcast.ShouldNotBeNull().TemplateKey.ShouldBe("shift_reminder");
        planner.Endpoint.Requests.Count.ShouldBe(2);
        var correction = planner.Endpoint.Requests[1];
        correction.Messages.ShouldContain(m => m!["role"]!.GetValue<string>() == "assistant" && m["tool_calls"] != null);
        correction.ToolResults.ShouldHaveSingleItem()
            .ShouldBe("There is no template 'schicht_erinnerung'. Use one of: shift_reminder, route_change, depot_closure.");
        planner.FallbackReasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task Several_calls_in_one_answer_are_refused_one_draft_per_message()
    {
        await using var planner = await PlannerHarness.StartAsync(
            ScriptedAnswer.Calls(
                (PlannerTools.CreateTicketDraft, new { title = "Bremsen LKW W-1234" }),
                (PlannerTools.CreateTicketDraft, new { title = "Reifen LKW W-1234" })),
            ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = "Bremsen und Reifen LKW W-1234", vehicle_plate = "W-1234" }));

        var reading = await planner.ReadAsync("LKW W-1234: Bremsen quietschen und Reifen platt");

        reading.Ticket.ShouldNotBeNull().Title.ShouldBe("Bremsen und Reifen LKW W-1234");
        planner.Endpoint.Requests[1].ToolResults.ShouldBe(["Call exactly one tool per answer.", "Call exactly one tool per answer."]);
    }
}
