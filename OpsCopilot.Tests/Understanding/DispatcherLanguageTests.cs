using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>
/// Issue 13's failure classes and their neighbours, written the way Austrian dispatchers type on a phone. Each theory
/// holds messages the rules before the issue misread.
/// </summary>
public sealed class DispatcherLanguageTests
{
    // 1. Plates typed in lower case, with spaces, without hyphen, of any Austrian district.
    [Theory]
    [InlineData("der sattelzug w 2245 xb verliert öl", "W-2245XB")]
    [InlineData("lkw w 2231 reifen platt", "W-2231")]
    [InlineData("bei gu 8812 xz is da spiegel hin", "GU-8812XZ")]
    [InlineData("wn 482 ab hat an patschen", "WN-482AB")]
    [InlineData("w2245xb springt ned an", "W-2245XB")]
    [InlineData("sprinter w-3381 k kühlung ausgefallen", "W-3381K")]
    [InlineData("lkw  w   5510   auspuff hängt runter", "W-5510")]
    [InlineData("van g 4711 battery is dead", "G-4711")]
    [InlineData("zugmaschine ll 224 gh adblue warnung", "LL-224GH")]
    public void Typed_plates_of_every_district_are_read(string text, string plate) =>
        SampleTenant.ReadTicket(text).VehiclePlate.ShouldBe(plate);

    [Theory]
    [InlineData("um 6 uhr bitte")]
    [InlineData("in 3 tagen")]
    [InlineData("so 500 stück")]
    [InlineData("Tiefkühllager nur -11° statt -22°")]
    [InlineData("g 500 kg")]
    [InlineData("am 24 dezember")]
    [InlineData("w1234 steht im hof")]
    [InlineData("auf der s 6 stau")]
    public void Words_and_quantities_are_no_typed_plates(string text) =>
        PlateRecognizer.FindFirst(text).ShouldBeNull();

    // 2. The title names the object and the problem.
    [Theory]
    [InlineData("Thermo King am Trailer GU-8812 XZ springt nicht an", "Thermo King", "springt nicht an")]
    [InlineData("Zapfsäule an der Hoftankstelle ist seit heute früh kaputt", "Zapfsäule", "kaputt")]
    [InlineData("Ladebrücke an Tor 3 lässt sich nicht absenken", "Ladebrücke", "lässt sich nicht absenken")]
    [InlineData("servus, beim w 3871 xa leuchtet seit heit früh die ölkontrolle", "ölkontrolle", "leuchtet")]
    [InlineData("Schranke bei der Einfahrt bleibt oben hängen", "Schranke", "hängen")]
    public void Titles_keep_the_object_and_the_problem(string text, string thing, string problem)
    {
        var title = SampleTenant.ReadTicket(text).Title;

        title.ShouldContain(thing, Case.Insensitive);
        title.ShouldContain(problem, Case.Insensitive);
    }

    // 3. Problems whose noun is in no list: abbreviations, readings out of range, stuck, by itself.
    [Theory]
    [InlineData("LBW bei W-4470 hängt unten fest, können nicht abladen")]
    [InlineData("Kühlhaus 2 hat nur mehr minus 12 Grad statt minus 20!")]
    [InlineData("kühlzelle 1 hat plus 9 grad, sollte 4 haben")]
    [InlineData("Tiefkühlzelle 2 nur mehr minus 5 Grad")]
    [InlineData("reefer on trailer gu 4411 ab is too warm, 8 degrees instead of 3")]
    [InlineData("Die Hebebühne in der Werkstatt senkt sich von selbst")]
    [InlineData("Telematikbox in GU-5512 sendet keine Position mehr")]
    [InlineData("Brückenwaage wiegt seit der Früh falsch")]
    [InlineData("der stapler 4 steckt in der rampe fest")]
    [InlineData("Bordcomputer im W-7781 startet dauernd neu")]
    [InlineData("Wasserleitung in der Waschhalle ist geplatzt")]
    public void Problems_outside_the_noun_vocabulary_are_tickets(string text) =>
        SampleTenant.Read(text).Intent.ShouldBe(MessageIntent.CreateTicket);

    [Theory]
    [InlineData("Kühlhaus 3 hat wieder minus 20 Grad, alles gut")]
    [InlineData("Reifen beim L-7733 sind neu")]
    [InlineData("Max kann morgen nicht fahren")]
    [InlineData("LKW W-5510 steht im Hof")]
    public void Readings_in_range_and_good_news_are_no_tickets(string text) =>
        SampleTenant.Read(text).Intent.ShouldBe(MessageIntent.Unknown);

    // 4. Times, dates and recipients in words.
    [Theory]
    [InlineData("halb sieben in der Früh", "06:30")]
    [InlineData("viertel nach acht", "08:15")]
    [InlineData("viertel neun", "08:15")]
    [InlineData("dreiviertel neun", "08:45")]
    [InlineData("zehn vor sechs", "05:50")]
    [InlineData("10 vor 6", "05:50")]
    [InlineData("fünf nach halb sieben", "06:35")]
    [InlineData("um sechse", "06:00")]
    [InlineData("sieben Uhr dreißig", "07:30")]
    [InlineData("halb drei am Nachmittag", "14:30")]
    [InlineData("heute um 8 am abend", "20:00")]
    [InlineData("half past six", "06:30")]
    [InlineData("quarter to seven", "06:45")]
    [InlineData("morgen 7", "07:00")]
    [InlineData("monday 7.30", "07:30")]
    public void Times_in_words_are_read(string text, string expected) =>
        TimeReader.Read(text).ShouldBe(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Guten_Abend_is_a_greeting_not_the_evening() =>
        TimeReader.Read("Guten Abend! Schichterinnerung an Max morgen um 6").ShouldBe(new TimeOnly(6, 0));

    [Theory]
    [InlineData("übermorgn", "2026-01-16")]
    [InlineData("donnerstg", "2026-01-15")]
    [InlineData("am Fr", "2026-01-16")]
    [InlineData("mo 6:00", "2026-01-19")]
    [InlineData("in zwei Tagen", "2026-01-16")]
    [InlineData("in einer Woche", "2026-01-21")]
    public void Dates_in_words_abbreviations_and_typos_are_read(string text, string expected) =>
        DateReader.Read(text, new DateOnly(2026, 1, 14)).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("Erinnere bitte alle an die Schicht übermorgen")]
    [InlineData("schichterinnerung allen fahrern morgen viertel nach acht")]
    [InlineData("bitte jeden an die schicht morgen um 5 erinnern")]
    [InlineData("erinnere bitte die fahrer an die schicht morgen um 6")]
    [InlineData("Sag allen Bescheid wegen Schicht morgen um 6 Uhr, Erinnerung bitte")]
    [InlineData("erinnere die ganze mannschaft an die schicht morgen um 5")]
    public void Everyone_in_words_is_every_subscribed_driver(string text) =>
        SampleTenant.ReadBroadcast(text).AllDrivers.ShouldBeTrue();

    [Fact]
    public void Names_typed_in_lower_case_are_drivers() =>
        SampleTenant.ReadBroadcast("erinnere den stefan an die schicht morgen früh um sieben").Recipients.ShouldBe([ReferenceWorld.StefanHuber]);

    // 5. Everyday Austrian yes and no; an acknowledgement alone decides nothing.
    [Theory]
    [InlineData("jo", MessageIntent.Confirm)]
    [InlineData("ja passt so", MessageIntent.Confirm)]
    [InlineData("passt, schick", MessageIntent.Confirm)]
    [InlineData("jawoi", MessageIntent.Confirm)]
    [InlineData("bestätgen", MessageIntent.Confirm)]
    [InlineData("✅", MessageIntent.Confirm)]
    [InlineData("Stopp, nicht abschicken!", MessageIntent.Cancel)]
    [InlineData("Nein, falsches Kennzeichen", MessageIntent.Cancel)]
    [InlineData("na, passt ned", MessageIntent.Cancel)]
    [InlineData("doch nicht", MessageIntent.Cancel)]
    [InlineData("stimmt nicht", MessageIntent.Cancel)]
    [InlineData("neee", MessageIntent.Cancel)]
    [InlineData("don't send", MessageIntent.Cancel)]
    public void Everyday_yes_and_no_are_read(string text, MessageIntent intent) =>
        SampleTenant.Read(text).Intent.ShouldBe(intent);

    [Theory]
    [InlineData("ok")]
    [InlineData("passt")]
    [InlineData("👍")]
    [InlineData("alles klar")]
    [InlineData("passt schon")]
    public void A_bare_acknowledgement_confirms_nothing(string text)
    {
        CommandClassifier.Classify(text).ShouldBeNull();
        CommandClassifier.IsAcknowledgement(text).ShouldBeTrue();
    }

    // 6. PAIR with words around it.
    [Theory]
    [InlineData("Hallo! PAIR 123456", "123456")]
    [InlineData("PAIR 123456 danke", "123456")]
    [InlineData("Guten Morgen, hier mein Code: PAIR 120938 lg Max", "120938")]
    [InlineData("pairing code 401 776", "401776")]
    public void Pair_is_read_with_words_around_it(string text, string otp)
    {
        var reading = CommandClassifier.Classify(text).ShouldNotBeNull();
        reading.Intent.ShouldBe(MessageIntent.Pair);
        reading.Otp.ShouldBe(otp);
    }

    // 7. Typos in keywords.
    [Theory]
    [InlineData("Status Tiket 73?", 73)]
    [InlineData("was is mit tikcet 5", 5)]
    [InlineData("any news on tcket 41?", 41)]
    [InlineData("staus ticket 12", 12)]
    public void Ticket_status_survives_typos(string text, int number) =>
        SampleTenant.Read(text).TicketNumber.ShouldBe(number);

    [Theory]
    [InlineData("Schichterinerung an Max morgen 6 Uhr")]
    [InlineData("schichtermnerung an alle morgen 5:30")]
    public void Template_phrases_survive_typos(string text) =>
        SampleTenant.ReadBroadcast(text).TemplateKey.ShouldBe("shift_reminder");

    // 8. Route names with abbreviation dots.
    [Theory]
    [InlineData("Routenänderung für Max morgen: Tour 4 St. Pölten", "Tour 4 St. Pölten")]
    [InlineData("Routenänderung an alle ab Montag: Tour 7 Wr. Neustadt", "Tour 7 Wr. Neustadt")]
    [InlineData("routenänderung leyla morgen: tour 3 st. florian. danke", "tour 3 st. florian")]
    public void Route_names_keep_their_abbreviations(string text, string route) =>
        SampleTenant.ReadBroadcast(text).Params["route"].ShouldBe(route);

    // Corrections of a waiting draft.
    [Fact]
    public void A_correction_names_what_is_right_and_what_was_wrong()
    {
        var context = SampleTenant.Context();

        DraftCorrectionReader.Read("nein, W-2245", context).Plate.ShouldBe("W-2245");
        DraftCorrectionReader.Read("falsches Kennzeichen, W-2245", context).Plate.ShouldBe("W-2245");
        DraftCorrectionReader.Read("W-2245 statt W-2231", context).Plate.ShouldBe("W-2245");
        var names = DraftCorrectionReader.Read("nicht Max, Stefan", context);
        names.WrongDrivers.ShouldBe([ReferenceWorld.MaxMustermann]);
        names.RightDrivers.ShouldBe([ReferenceWorld.StefanHuber]);
        DraftCorrectionReader.Read("nein, nicht um 6 sondern um 7", context).Time.ShouldBe(new TimeOnly(7, 0));
        DraftCorrectionReader.HasCue("Schichterinnerung an Max morgen 6 Uhr").ShouldBeFalse();
    }
}
