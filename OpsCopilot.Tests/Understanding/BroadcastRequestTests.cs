using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class BroadcastRequestTests
{
    [Fact]
    public void ShiftReminderParamsHoldDateAndTimeButNotTheDriverName()
    {
        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung an Max für übermorgen 6.30 Uhr");

        broadcast.TemplateKey.ShouldBe("shift_reminder");
        broadcast.Date.ShouldBe(new DateOnly(2026, 1, 16));
        broadcast.Time.ShouldBe(new TimeOnly(6, 30));
        broadcast.Params.ShouldBe(new Dictionary<string, string> { ["date"] = "16.01.2026", ["time"] = "06:30" });
    }

    [Fact]
    public void EnglishShiftReminderReadsWeekdayAndMeridiemTime()
    {
        var broadcast = SampleTenant.ReadBroadcast("Shift reminder for Anna Berger and Stefan Huber on Friday at 7 pm");

        broadcast.Recipients.ShouldBe([ReferenceWorld.AnnaBerger, ReferenceWorld.StefanHuber]);
        broadcast.Date.ShouldBe(new DateOnly(2026, 1, 16));
        broadcast.Params["time"].ShouldBe("19:00");
    }

    [Theory]
    [InlineData("Routenänderung an alle Fahrer für morgen: neue Route Linz - Wels - Steyr", "Linz - Wels - Steyr")]
    [InlineData("Route change for Jan tomorrow: route B7 via Graz", "B7 via Graz")]
    [InlineData("Neue Route für Stefan Huber ab Montag: Tour 12", "Tour 12")]
    [InlineData("Routenänderung für Max am Freitag: Wien Süd statt Wien Nord", "Wien Süd statt Wien Nord")]
    [InlineData("Route für Max ist jetzt A12 über Amstetten, ab morgen", "A12 über Amstetten")]
    public void RouteChangeTakesTheRouteFromTheMessage(string text, string route)
    {
        var broadcast = SampleTenant.ReadBroadcast(text);

        broadcast.TemplateKey.ShouldBe("route_change");
        broadcast.Params["route"].ShouldBe(route);
        broadcast.Params.Keys.ShouldContain("date");
        broadcast.Params.Keys.ShouldNotContain("driver_name");
    }

    [Fact]
    public void RouteChangeWithoutARouteLeavesTheParamOut() =>
        SampleTenant.ReadBroadcast("Routenänderung an alle für morgen").Params.Keys.ShouldNotContain("route");

    [Fact]
    public void MissingDateOrTimeIsLeftOutOfParams()
    {
        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung an alle");

        broadcast.Date.ShouldBeNull();
        broadcast.Time.ShouldBeNull();
        broadcast.Params.ShouldBeEmpty();
    }

    [Fact]
    public void OtherParamsAreTakenWhenWrittenAsNameColonValue()
    {
        TemplateRef[] templates = [new("depot_closure", ["driver_name", "date", "depot_name"], [])];

        var broadcast = SampleTenant.ReadBroadcast("Depot geschlossen am Samstag, depot name: Wien Nord. An alle", templates: templates);

        broadcast.Params.ShouldBe(new Dictionary<string, string> { ["date"] = "17.01.2026", ["depot_name"] = "Wien Nord" });
    }

    [Fact]
    public void GreetingMorgenIsNotTomorrow() =>
        SampleTenant.ReadBroadcast("Guten Morgen! Schichterinnerung an Huber für Montag 6 Uhr").Date.ShouldBe(new DateOnly(2026, 1, 19));

    [Fact]
    public void YearRollsOverForADatePassedThisYear() =>
        SampleTenant.ReadBroadcast("Schicht-Erinnerung an Jürgen Mueller am 03.01. um 5 Uhr").Date.ShouldBe(new DateOnly(2027, 1, 3));

    [Fact]
    public void ADefectReportThatMentionsARouteIsATicketNotABroadcast() =>
        SampleTenant.Read("Navi zeigt neue Route nicht an, defekt").Intent.ShouldBe(MessageIntent.CreateTicket);

    [Fact]
    public void ABroadcastMentioningAProblemWordStaysABroadcastWhenAddressed() =>
        SampleTenant.Read("Depot geschlossen wegen Unfall, an alle Fahrer").Intent.ShouldBe(MessageIntent.SendBroadcast);
}
