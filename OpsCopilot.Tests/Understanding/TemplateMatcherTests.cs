using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class TemplateMatcherTests
{
    [Theory]
    [InlineData("Schicht-Erinnerung an alle für Montag", "shift_reminder")]
    [InlineData("Schichterinnerungen an alle morgen", "shift_reminder")]
    [InlineData("Bitte Erinnerung an die Schicht an Max", "shift_reminder")]
    [InlineData("Erinnere Jan Nowak an seine Frühschicht", "shift_reminder")]
    [InlineData("please send a shift_reminder to Anna Berger", "shift_reminder")]
    [InlineData("Reminder for the shift tomorrow, all drivers", "shift_reminder")]
    [InlineData("Routenaenderung an alle", "route_change")]
    [InlineData("Route geändert für Max ab morgen", "route_change")]
    [InlineData("new route for Anna Berger tomorrow", "route_change")]
    [InlineData("Tour für Stefan Huber ändert sich: Tour 5", "route_change")]
    [InlineData("Depotschliessung am Samstag an alle", "depot_closure")]
    [InlineData("Depot bleibt am 24.12. geschlossen, an alle Fahrer", "depot_closure")]
    [InlineData("depot closed on Sunday, to all drivers", "depot_closure")]
    public void BuiltInVocabularyAndKeyWordsSelectTheTemplate(string text, string templateKey) =>
        SampleTenant.ReadBroadcast(text).TemplateKey.ShouldBe(templateKey);

    [Fact]
    public void TenantSynonymsSelectTemplatesWithUnknownKeys()
    {
        TemplateRef[] templates = [new("safety_briefing", ["date"], ["Sicherheitsunterweisung", "Unterweisung Sicherheit"])];

        var broadcast = SampleTenant.ReadBroadcast("Sicherheitsunterweisung an alle am Freitag", templates: templates);

        broadcast.TemplateKey.ShouldBe("safety_briefing");
        broadcast.Params["date"].ShouldBe("16.01.2026");
    }

    [Fact]
    public void A_template_changed_in_the_console_is_read_with_its_new_synonyms_though_the_old_one_was_prepared()
    {
        // Phrases are prepared once per template object; a changed template is a new object in a new snapshot.
        TemplateRef[] before = [new("safety_briefing", ["date"], ["Sicherheitsunterweisung"])];
        TemplateRef[] after = [new("safety_briefing", ["date"], ["Sicherheitsunterweisung", "Brandschutzübung"])];
        var tokens = MessageTokenizer.Tokenize("Brandschutzübung an alle am Freitag");

        TemplateMatcher.FindBest(tokens, before).ShouldBeNull();
        TemplateMatcher.FindBest(tokens, after)!.Template.TemplateKey.ShouldBe("safety_briefing");
        TemplateMatcher.FindBest(tokens, before).ShouldBeNull("the earlier object keeps its own phrases");
    }

    [Fact]
    public void KeyWordsOfAnUnknownKeySelectIt()
    {
        TemplateRef[] templates = [new("holiday_greeting", [], [])];

        SampleTenant.ReadBroadcast("Send the holiday greeting to all drivers", templates: templates).TemplateKey
            .ShouldBe("holiday_greeting");
    }

    [Fact]
    public void OnlyTemplatesOfTheTenantCanBeChosen()
    {
        TemplateRef[] onlyRouteChange = [ReferenceWorld.RouteChange];

        SampleTenant.Read("Schichterinnerung an alle für morgen 6 Uhr", templates: onlyRouteChange).Intent
            .ShouldBe(MessageIntent.Unknown);
    }

    [Fact]
    public void AWrittenPhraseBeatsScatteredConceptWords()
    {
        var tokens = MessageTokenizer.Tokenize("Neue Route wegen Schicht, Erinnerung folgt");

        TemplateMatcher.FindBest(tokens, ReferenceWorld.Templates)!.Template.TemplateKey.ShouldBe("route_change");
    }

    [Fact]
    public void NoTemplateWordsMeansNoMatch() =>
        TemplateMatcher.FindBest(MessageTokenizer.Tokenize("Guten Morgen an alle"), ReferenceWorld.Templates).ShouldBeNull();
}
