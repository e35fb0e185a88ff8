using System.Text.Json.Nodes;
using OpsCopilot.Data.Drafts;
using OpsCopilot.Web.Components.Shared;
using OpsCopilot.Web.Features.Drafts;

namespace OpsCopilot.Tests.AdminConsole;

public sealed class ComponentMarkupTests
{
    private static readonly Guid DraftId = Guid.Parse("0192f3a4-0000-7000-8000-000000000001");

    [Fact]
    public void Countdowns_and_ages_read_naturally()
    {
        Durations.Countdown(TimeSpan.FromSeconds(299.2)).ShouldBe("5:00");
        Durations.Countdown(TimeSpan.FromSeconds(61)).ShouldBe("1:01");
        Durations.Countdown(TimeSpan.FromSeconds(9)).ShouldBe("0:09");
        Durations.Countdown(TimeSpan.FromMinutes(75)).ShouldBe("1:15:00");
        Durations.Countdown(TimeSpan.FromSeconds(-3)).ShouldBe("0:00");
        var now = DateTimeOffset.UtcNow;
        Durations.Ago(now.AddSeconds(-10), now).ShouldBe("just now");
        Durations.Ago(now.AddMinutes(-7), now).ShouldBe("7 min ago");
        Durations.Ago(now.AddHours(-5), now).ShouldBe("5 h ago");
        Durations.Ago(now.AddDays(-3), now).ShouldBe("3 days ago");
    }

    [Fact]
    public void A_decision_is_told_the_way_the_operator_needs_it()
    {
        var committed = new DraftDecision(DraftId, DraftStatus.Committed, JsonNode.Parse("""{"reply":"Ticket #7 created"}"""), null);
        DraftDecisionMessage.From(committed, wantedConfirm: true).ShouldBe(new DraftDecisionMessage(MudBlazor.Severity.Success, "Draft executed", "Ticket #7 created"));
        DraftDecisionMessage.From(committed, wantedConfirm: false).Summary.ShouldBe("Already executed");

        var failed = DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.PendingConfirm, null, "No approved template"), wantedConfirm: true);
        failed.Severity.ShouldBe(MudBlazor.Severity.Error);
        failed.Detail.ShouldBe("No approved template The draft is still pending; you can try again.");

        DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.Expired, null, null), wantedConfirm: true).Summary.ShouldBe("Draft expired");
        DraftDecisionMessage.From(new DraftDecision(DraftId, DraftStatus.Cancelled, null, null), wantedConfirm: false).Summary.ShouldBe("Draft cancelled");
    }

    [Fact]
    public void Previews_read_as_questions_and_json_is_indented()
    {
        DraftDisplay.Question(DraftTexts.BroadcastPreview("shift_reminder", 1)).ShouldBe("Send template shift_reminder to 1 driver?");
        DraftDisplay.Question("Something else").ShouldBe("Something else");
        DraftDisplay.Indented("""{"title":"x"}""").ShouldBe("{\n  \"title\": \"x\"\n}");
        DraftDisplay.Indented("not json").ShouldBe("not json");
    }
}
