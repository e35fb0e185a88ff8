using System.Diagnostics;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Web.Features.Planner;

namespace OpsCopilot.Tests.Planner;

/// <summary>Whatever goes wrong with the model, the message is read by the rules, exactly as without the planner.</summary>
public sealed class PlannerFallbackTests
{
    private const string TicketMessage = "LKW W-1234 hat Bremsenproblem";
    private const string BroadcastMessage = "Schichterinnerung an Stefan Huber und Jan Nowak für morgen 6 Uhr";

    private static readonly ScriptedAnswer UnknownTemplate =
        ScriptedAnswer.Call(PlannerTools.SendBroadcastDraft, new { template_key = "weather_report", recipients = new[] { "ALL" } });

    [Fact]
    public async Task A_model_that_keeps_choosing_an_unknown_template_ends_at_the_tool_call_limit_and_the_rules_decide()
    {
        await using var planner = await PlannerHarness.StartAsync(UnknownTemplate);

        var reading = await planner.ReadAsync(BroadcastMessage);

        reading.ShouldReadLike(PlannerHarness.RulesRead(BroadcastMessage));
        reading.Broadcast.ShouldNotBeNull().TemplateKey.ShouldBe("shift_reminder");
        // Five calls allowed (the default); the sixth is one too many.
        planner.Endpoint.Requests.Count.ShouldBe(6);
        planner.FallbackReasons.ShouldBe(["tool_call_limit"]);
    }

    [Theory]
    [InlineData(3, 10, 3, "step_limit")]
    [InlineData(8, 2, 3, "tool_call_limit")]
    [InlineData(1, 1, 1, "step_limit")]
    public async Task An_endless_sequence_of_tool_calls_is_cut_off_by_the_limits(int maxSteps, int maxToolCalls, int requests, string reason)
    {
        await using var planner = await PlannerHarness.StartAsync(
            [ScriptedAnswer.Call("lookup_weather", new { city = "Wien" })], maxSteps, maxToolCalls);

        var reading = await planner.ReadAsync(TicketMessage);

        reading.ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.Endpoint.Requests.Count.ShouldBe(requests);
        planner.FallbackReasons.ShouldBe([reason]);
    }

    [Fact]
    public async Task More_tool_calls_in_one_answer_than_allowed_fall_back_at_once()
    {
        var calls = Enumerable.Repeat((PlannerTools.AnswerHelp, (object)new { }), 6).ToArray();
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Calls(calls));

        (await planner.ReadAsync(TicketMessage)).ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.Endpoint.Requests.Count.ShouldBe(1);
        planner.FallbackReasons.ShouldBe(["tool_call_limit"]);
    }

    [Fact]
    public async Task A_model_that_tries_to_confirm_gets_nowhere()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call("confirm_draft", new { draft = "latest" }));

        // Not a plain yes for the rules (they would confirm "Alles klar, mach das so" themselves, without the model).
        var reading = await planner.ReadAsync("Alles klar, mach das so wie besprochen");

        reading.ShouldBe(MessageReading.Unknown);
        planner.Endpoint.Requests[1].ToolResults.Single().ShouldStartWith("There is no tool 'confirm_draft'.");
        planner.FallbackReasons.ShouldBe(["tool_call_limit"]);
    }

    [Fact]
    public async Task A_slow_model_runs_into_the_timeout_and_the_rules_answer_in_time()
    {
        await using var planner = await PlannerHarness.StartAsync(
            [ScriptedAnswer.Slow(TimeSpan.FromSeconds(30), ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }))], timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        var reading = await planner.ReadAsync(TicketMessage);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        reading.ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.FallbackReasons.ShouldBe(["timeout"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(401)]
    public async Task An_error_status_falls_back_without_retrying(int status)
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Status(status));

        (await planner.ReadAsync(BroadcastMessage)).ShouldReadLike(PlannerHarness.RulesRead(BroadcastMessage));
        planner.Endpoint.Requests.Count.ShouldBe(1);
        planner.FallbackReasons.ShouldBe(["http_error"]);
    }

    [Theory]
    [InlineData("{\"choices\": [ this is not json")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("[]")]
    public async Task A_malformed_answer_falls_back(string body)
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Raw(body));

        (await planner.ReadAsync(TicketMessage)).ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.FallbackReasons.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Broken_json_is_counted_as_a_malformed_response()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Raw("{\"choices\": [ this is not json"));

        await planner.ReadAsync(TicketMessage);

        planner.FallbackReasons.ShouldBe(["malformed_response"]);
    }

    [Fact]
    public async Task A_prose_answer_is_no_decision()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Prose("Ich würde ein Ticket anlegen."));

        (await planner.ReadAsync(TicketMessage)).ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.FallbackReasons.ShouldBe(["no_tool_call"]);
    }

    [Fact]
    public async Task An_endpoint_that_is_not_there_falls_back()
    {
        await using var planner = await PlannerHarness.StartAsync(ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { }));
        await planner.Endpoint.DisposeAsync();

        (await planner.ReadAsync(TicketMessage)).ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.FallbackReasons.ShouldBe(["error"]);
    }

    [Fact]
    public async Task The_caller_giving_up_is_not_a_fallback_it_cancels()
    {
        await using var planner = await PlannerHarness.StartAsync(
            ScriptedAnswer.Slow(TimeSpan.FromSeconds(30), ScriptedAnswer.Call(PlannerTools.AnswerHelp, new { })));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => planner.ReadAsync(TicketMessage, caller.Token));
        planner.FallbackReasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(PlannerTools.CreateTicketDraft, """{"title": ""}""", "title is required.")]
    [InlineData(PlannerTools.CreateTicketDraft, """{"title": 42}""", "title must be a string.")]
    [InlineData(PlannerTools.CreateTicketDraft, """{"title": "Bremsen", "vehicle_plate": "S-9999"}""", "vehicle_plate 'S-9999' is not a licence plate written in the message")]
    [InlineData(PlannerTools.CreateTicketDraft, """{not json""", "The arguments are not valid JSON.")]
    [InlineData(PlannerTools.CreateTicketDraft, """["title"]""", "The arguments must be a JSON object.")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL"], "date": "15.01.2026"}""", "date '15.01.2026' is not YYYY-MM-DD.")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL"], "date": "2026-01-13"}""", "date 2026-01-13 is before today (2026-01-14).")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL"], "date": "2027-12-24"}""", "more than a year ahead")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL"], "time": "6 Uhr"}""", "time '6 Uhr' is not HH:mm.")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL", "Jan Nowak"]}""", "not both")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": 5}""", "recipients must be an array of strings.")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"recipients": ["ALL"]}""", "template_key is required.")]
    [InlineData(PlannerTools.SendBroadcastDraft, """{"template_key": "shift_reminder", "recipients": ["ALL"], "params": {"route": 7}}""", "params.route must be a string.")]
    public async Task Bad_arguments_are_explained_to_the_model_and_if_it_insists_the_rules_decide(string tool, string arguments, string complaint)
    {
        await using var planner = await PlannerHarness.StartAsync(
            [ScriptedAnswer.CallWithRawArguments(tool, arguments)], maxSteps: 2, maxToolCalls: 5);

        var reading = await planner.ReadAsync(TicketMessage);

        reading.ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.Endpoint.Requests.Count.ShouldBe(2);
        planner.Endpoint.Requests[1].ToolResults.Single().ShouldContain(complaint);
        planner.FallbackReasons.ShouldBe(["step_limit"]);
    }

    [Fact]
    public async Task A_title_longer_than_a_ticket_allows_is_refused()
    {
        await using var planner = await PlannerHarness.StartAsync(
            [ScriptedAnswer.Call(PlannerTools.CreateTicketDraft, new { title = new string('x', 201) })], maxSteps: 2);

        (await planner.ReadAsync(TicketMessage)).ShouldReadLike(PlannerHarness.RulesRead(TicketMessage));
        planner.Endpoint.Requests[1].ToolResults.Single().ShouldBe("title must be at most 200 characters.");
    }
}
