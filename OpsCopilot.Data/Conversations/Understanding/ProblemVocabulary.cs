namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// German and English words that make a message a vehicle or equipment defect report.
/// Stems use the <see cref="WordStem"/> notation so compounds ("Handbremse", "Motorschaden") are covered.
/// </summary>
public static class ProblemVocabulary
{
    private static readonly WordList Incidents = WordList.Of(
        "unfall", "panne", "problem", "schaden", "störung", "fehler", "ausfall", "havarie", "geräusch", "$platzer",
        "^notfall", "^alarm", "=platten", "plattfuß", "kratzer", "=delle", "=dellen", "=beule", "=beulen", "=dent",
        "=dents", "=scratch", "=scratches", "^warn", "$warnung", "=leck", "=lecks", "$leck", "^leckage",
        "^leak", "^crash", "^accident", "^collision", "^kollision", "^breakdown", "^damage", "^puncture", "^defect",
        "^fault", "^error", "^failure", "^malfunction", "=issue", "=issues", "^emergency", "^noise",
        // Austrian and workshop words: "a Patschen" is a flat tyre, "Notlauf" the limp-home mode
        "=patschen", "=patschn", "$patschen", "=sprung", "=riss", "$riss", "^steinschlag", "^crack", "^notlauf",
        "^notprogramm", "^kurzschluss", "=zicken", "=blechschaden", "^limp", "=dent", "^dents");

    private static readonly WordList Predicates = WordList.Of(
        "^defekt", "=ausgefallen", "^klemm", "$klemmt", "=verklemmt", "^blockiert", "^verliert", "=leckt",
        "^undicht", "=tropft", "=qualmt", "=raucht", "=platt", "=gerissen", "=gebrochen", "=zerbrochen", "=verbogen",
        "^zerkratzt", "^beschädigt", "^verrutscht", "=ausgelaufen", "^überhitz", "=spinnt", "=streikt", "=ruckelt",
        "^quietsch", "^klapper", "=vibriert", "=leuchtet", "=blinkt", "=piept", "=verloren", "=abgerissen",
        "=abgebrochen", "=eingedrückt",
        "=broken", "=broke", "=damaged", "^leaking", "=leaks", "=stuck", "^fail", "=faulty", "=dead", "=flat",
        "^smok", "^overheat", "=cracked", "=bent", "=jammed", "=blocked", "=shattered", "=burst", "=blown",
        "=squeaking", "=rattling", "=beeping",
        // more states of broken things, with the common misspellings typed on a phone
        "^kaput", "=kabutt", "=kaputtt", "^defek", "=hinüber", "=verstopft", "^eingedellt", "^verbeult", "=abgelehnt",
        "=gesprungen", "=eingerissen", "=abgefallen", "^durchgerostet", "^verrostet", "=abgesoffen", "^durchgebrannt",
        "=erwischt", "=gestreift", "=touchiert", "=angefahren", "=gerammt", "=umgefahren", "=beschädigt", "^piep",
        "=rattert", "=pfeift", "=zischt", "=schleift", "^knackt", "=stottert", "=wackelt", "=locker", "=undicht",
        "=stalls", "=stalled", "=dented", "=scratched", "=crashed", "=overheats", "=leaky", "=clogged", "=frozen",
        "=verschmort", "=ausgelöst", "=ausgeschlagen", "=eingefroren", "=zugefroren", "=geplatzt", "=aufgeplatzt",
        "=geborsten", "=gerutscht", "=rutscht", "=verzogen", "=burst", "=snapped", "=torn", "=ripped");

    private static readonly WordList Components = WordList.Of(
        "bremse", "brems", "reifen", "motor", "=öl", "^ölstand", "^ölverlust", "^öldruck", "^kühl", "$kühlung",
        "aggregat", "$kühler", "licht", "lampe", "leuchte", "scheinwerfer", "blinker", "tacho", "fahrtenschreiber",
        "rampe", "ladebordwand", "hebebühne", "=tor", "rolltor", "hallentor", "ladetor", "fahrertür", "beifahrertür",
        "hecktür", "schiebetür", "=tür", "=türe", "=türen", "getriebe", "kupplung", "batterie", "=akku", "anlasser",
        "auspuff", "turbo", "^einspritz", "=tank", "$tank", "^tankdeckel", "adblue", "partikelfilter", "heizung",
        "^klima", "lenkung", "=achse", "=achsen", "$achse", "federung", "stoßdämpfer", "=hupe", "spiegel", "scheibe",
        "wischer", "^navi", "kamera", "sensor", "steuergerät", "^display", "^elektr", "=kabel", "hydraulik",
        "kompressor", "druckluft", "=plane", "=ladung", "^drucker", "^scanner", "^computer", "^tablet", "$gerät",
        "=gerät", "$rad", "=rad", "$felge", "=felge", "radlager", "$riemen", "=zylinder", "$ventil", "=ventil",
        "=diesel", "$filter", "=filter", "$leitung", "=leitung",
        "engine", "^brake", "=tyre", "=tyres", "=tire", "=tires", "^wheel", "^light", "$light", "=lamp", "=lamps",
        "indicator", "battery", "gearbox", "transmission", "clutch", "exhaust", "mirror", "=door", "=doors",
        "windshield", "windscreen", "wiper", "steering", "=axle", "suspension", "radiator", "coolant", "=cooling",
        "reefer", "fridge", "compressor", "^hydraulic", "liftgate", "=ramp", "=dock", "^aircon", "=heater", "=horn",
        "=fuel", "=oil", "camera", "=printer", "=alternator", "=starter", "=tarp",
        // abbreviations of parts dispatchers type (LBW = Ladebordwand, AGR = Abgasrückführung, ZV = Zentralverriegelung)
        "=lbw", "=hbw", "=abs", "=ebs", "=esp", "=asr", "=agr", "=dpf", "=zv", "=scr", "=ecu", "=ac", "=tk",
        "kühlgerät", "zapfsäule", "waschanlage", "schranke", "hubwagen", "waage", "ladebrücke", "computer", "telematik",
        "kran", "stoßstange", "bumper", "$wand", "koffer", "laderaum", "=dach", "scanner", "kühlschrank", "^tiefkühl",
        "federung", "assistent", "=poller", "=tankkarte", "=standheizung", "windscreen", "^windschutz", "=kabine",
        "=schloss", "=sitz", "=gurt", "=kessel", "=pumpe", "$pumpe", "=anlage", "$anlage", "kühlzelle", "kühlhaus",
        "=kühlraum", "=tor", "=fenster", "=stecker", "=dock", "=ladegerät");

    private static readonly WordList Vehicles = WordList.Of(
        "^lkw", "=pkw", "=kfz", "truck", "=lorry", "=van", "=vans", "sprinter", "transporter", "=hänger", "$hänger",
        "anhänger", "auflieger", "trailer", "sattelzug", "sattelschlepper", "zugmaschine", "=bus", "$bus", "=busse",
        "$wagen", "=wagen", "stapler", "forklift", "fahrzeug", "vehicle", "kipper", "tanker", "=auto", "=semi");

    // Word endings that merely contain a stem: "Zeitspanne" is no "Panne", "lecker" no "Leck", "begreifen" no
    // "Reifen", "Pflicht" no "Licht", "Seitenstreifen" no "Reifen".
    private static readonly string[] FalseFriendEndings =
    [
        "spanne", "lecker", "leckere", "leckeres", "warnweste", "pflicht", "schlicht", "greifen", "streifen", "grad",
        "anleitung", "einleitung", "weiterleitung", "umleitung", "geschaftsleitung", "lightning",
    ];

    // Later entries win ties, so an equally good incident beats a component ("Bremsenproblem" -> incident).
    private static readonly (ProblemWordKind Kind, WordList Words)[] KindsByTieBreakOrder =
    [
        (ProblemWordKind.Component, Components),
        (ProblemWordKind.Vehicle, Vehicles),
        (ProblemWordKind.Predicate, Predicates),
        (ProblemWordKind.Incident, Incidents),
    ];

    public static bool IsVehicleWord(string foldedWord) => Classify(foldedWord) == ProblemWordKind.Vehicle;

    public static ProblemWordKind Classify(string foldedWord)
    {
        ArgumentNullException.ThrowIfNull(foldedWord);
        if (foldedWord.Length < 2 || IsFalseFriend(foldedWord))
        {
            return ProblemWordKind.None;
        }

        var bestKind = ProblemWordKind.None;
        var best = StemMatch.None;
        foreach (var (kind, words) in KindsByTieBreakOrder)
        {
            var match = words.BestMatch(foldedWord);
            if (match.IsMatch && match >= best)
            {
                best = match;
                bestKind = kind;
            }
        }

        return bestKind;
    }

    private static bool IsFalseFriend(string foldedWord) =>
        FalseFriendEndings.Any(ending => foldedWord.EndsWith(ending, StringComparison.Ordinal));
}
