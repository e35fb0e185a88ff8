using OpsCopilot.Data.Broadcasts;
using OpsCopilot.Data.Outbox;

namespace OpsCopilot.Tests.Outbox;

public sealed class OutboxRulesTests
{
    private static BroadcastTemplate ShiftReminder(bool approved = true, bool active = true) => new()
    {
        TenantId = 1,
        TemplateKey = "shift_reminder",
        BodyTemplate = "Hallo {{driver_name}}, Schicht am {{date}} um {{ time }}.",
        ExpectedParams = ["driver_name", "date", "time"],
        WaTemplateName = "shift_reminder_v1",
        IsApproved = approved,
        IsActive = active,
    };

    [Fact]
    public void Named_parameters_bind_in_expected_order_and_render_the_body()
    {
        var binding = TemplateMessageRules.Bind(ShiftReminder(), "shift_reminder",
            TemplateParameters.Parse("""{"time":"06:00","driver_name":"Max","date":"24.12."}"""));
        binding.IsRefused.ShouldBeFalse();
        binding.Parameters.Select(p => (p.Name, p.Value)).ShouldBe([("driver_name", "Max"), ("date", "24.12."), ("time", "06:00")]);
        TemplateMessageRules.Render(ShiftReminder().BodyTemplate, binding.Parameters).ShouldBe("Hallo Max, Schicht am 24.12. um 06:00.");
    }

    [Fact]
    public void Positional_parameters_must_match_the_expected_count()
    {
        TemplateMessageRules.Bind(ShiftReminder(), "shift_reminder", TemplateParameters.Parse("""["Max","24.12.","06:00"]""")).IsRefused.ShouldBeFalse();
        TemplateMessageRules.Bind(ShiftReminder(), "shift_reminder", TemplateParameters.Parse("""["Max","24.12."]""")).Refusal
            .ShouldBe("template 'shift_reminder' expects 3 parameter(s) [driver_name, date, time], got 2");
    }

    [Theory]
    [InlineData(false, true, """{"driver_name":"Max","date":"1.1.","time":"6"}""", "not approved")]
    [InlineData(true, false, """{"driver_name":"Max","date":"1.1.","time":"6"}""", "inactive")]
    [InlineData(true, true, """{"driver_name":"Max","date":"1.1."}""", "missing [time]")]
    [InlineData(true, true, """{"driver_name":"Max","date":"1.1.","time":"6","x":"y"}""", "unexpected [x]")]
    [InlineData(true, true, """{"driver_name":" ","date":"1.1.","time":"6"}""", "'driver_name' is empty")]
    [InlineData(true, true, """{"driver_name":"Max\tM","date":"1.1.","time":"6"}""", "line break or tab")]
    [InlineData(true, true, """{"driver_name":"Max      M","date":"1.1.","time":"6"}""", "four consecutive spaces")]
    [InlineData(true, true, """{"driver_name":{"first":"Max"},"date":"1.1.","time":"6"}""", "not a text")]
    [InlineData(true, true, """not json""", "not valid JSON")]
    [InlineData(true, true, "42", "JSON object (named) or array")]
    public void What_whatsapp_would_refuse_is_refused_with_a_reason(bool approved, bool active, string parameters, string reason) =>
        TemplateMessageRules.Bind(ShiftReminder(approved, active), "shift_reminder", TemplateParameters.Parse(parameters)).Refusal!.ShouldContain(reason);

    [Fact]
    public void An_unknown_template_is_refused() =>
        TemplateMessageRules.Bind(null, "nope", TemplateParameters.None).Refusal.ShouldBe("template 'nope' does not exist for this tenant");

    [Fact]
    public void The_customer_service_window_is_24_hours_from_the_last_inbound_message()
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        CustomerServiceWindow.RefusalForFreeText(now.AddHours(-23).AddMinutes(-59), now).ShouldBeNull();
        CustomerServiceWindow.RefusalForFreeText(now.AddHours(-24), now)!.ShouldContain("last inbound message 2026-10-31 12:00 UTC");
        CustomerServiceWindow.RefusalForFreeText(null, now)!.ShouldContain("no inbound message on record");
    }

    private static readonly RetryPolicy Policy = new(MaxAttempts: 5, BaseDelay: TimeSpan.FromSeconds(30), MaxDelay: TimeSpan.FromMinutes(5), ThrottleGrace: TimeSpan.FromHours(24));
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Backoff_doubles_with_equal_jitter_never_shrinks_and_is_capped()
    {
        Policy.Backoff(1, 0).ShouldBe(TimeSpan.FromSeconds(15));
        Policy.Backoff(1, 1).ShouldBe(TimeSpan.FromSeconds(30));
        Policy.Backoff(2, 0).ShouldBe(TimeSpan.FromSeconds(30));
        Policy.Backoff(3, 0.5).ShouldBe(TimeSpan.FromSeconds(90));
        Policy.Backoff(20, 1).ShouldBe(TimeSpan.FromMinutes(5));
        for (var n = 1; n < 12; n++) Policy.Backoff(n + 1, 0).ShouldBeGreaterThanOrEqualTo(Policy.Backoff(n, 1));
    }

    [Fact]
    public void Transient_failures_are_retried_until_the_last_attempt_makes_the_notification_dead()
    {
        var retry = Policy.Decide(SendResult.Transient("500"), retryCount: 0, Now, Now, 0);
        retry.ShouldBe(new AttemptDecision("queued", true, TimeSpan.FromSeconds(15), "500"));
        var last = Policy.Decide(SendResult.Transient("500"), retryCount: 4, Now, Now, 0);
        last.Status.ShouldBe("dead");
        last.Error.ShouldBe("500 (gave up after 5 attempts)");
    }

    [Fact]
    public void Permanent_failures_wait_for_an_operator()
    {
        Policy.Decide(SendResult.Permanent("400"), retryCount: 0, Now, Now, 0).ShouldBe(new AttemptDecision("failed", true, TimeSpan.Zero, "400"));
    }

    [Fact]
    public void Throttling_honours_retry_after_without_an_attempt_until_the_grace_runs_out()
    {
        Policy.Decide(SendResult.Throttled(TimeSpan.FromSeconds(7), "429"), retryCount: 4, Now.AddHours(-1), Now, 0)
            .ShouldBe(new AttemptDecision("queued", false, TimeSpan.FromSeconds(7), "429"));
        Policy.Decide(SendResult.Throttled(TimeSpan.FromDays(2), "429"), retryCount: 0, Now, Now, 0).RetryIn.ShouldBe(TimeSpan.FromMinutes(5));
        Policy.Decide(SendResult.Throttled(null, "429"), retryCount: 0, Now, Now, 0).RetryIn.ShouldBe(TimeSpan.FromSeconds(15));
        Policy.Decide(SendResult.Throttled(TimeSpan.FromSeconds(7), "429"), retryCount: 4, Now.AddDays(-2), Now, 0).Status.ShouldBe("dead");
    }
}
