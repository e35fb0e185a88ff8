namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// The small words of German, Austrian and English that never name a thing: articles, pronouns, prepositions,
/// auxiliaries, particles, time adverbs, greetings. What is left of a sentence are its content words, which is how a
/// ticket title finds the object of a problem report ("Thermo King", "Zapfsäule 2") without a list of every object.
/// </summary>
public static class FunctionWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // German articles, pronouns, determiners
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "an", "a", "da", "de",
        "mein", "meine", "meinen", "meinem", "unser", "unsere", "unseren", "unserem", "sein", "seine", "seinen", "ihr",
        "ihre", "ihren", "dein", "deine", "euer", "eure", "dieser", "diese", "dieses", "diesen", "diesem", "jener",
        "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "mir", "mich", "dir", "dich", "uns", "euch", "ihm", "ihn",
        "sich", "wer", "was", "wo", "wie", "welche", "welcher", "welches", "jemand", "niemand", "alles", "alle", "etwas",
        "nix", "nichts", "beide", "beiden", "andere", "anderen", "selbe", "gleiche", "gleichen",
        // prepositions and conjunctions
        "am", "im", "in", "um", "zu", "zum", "zur", "bei", "beim", "mit", "von", "vom", "auf", "aus", "nach", "vor",
        "hinter", "neben", "unter", "über", "uber", "durch", "für", "fur", "gegen", "ohne", "seit", "bis", "ab", "an",
        "ans", "aufs", "ins", "und", "oder", "aber", "sondern", "weil", "dass", "das", "wenn", "ob", "als", "wegen",
        "trotz", "während", "statt", "bzw", "sowie", "plus", "denn", "also", "deshalb", "darum", "drum", "weil",
        // auxiliaries, modals, light verbs
        "ist", "is", "isch", "sind", "san", "bin", "bist", "seid", "war", "waren", "wäre", "wird", "werden", "wurde",
        "wurden", "worden", "hat", "hab", "habe", "haben", "hast", "habt", "hatte", "hatten", "kann", "können", "konnte",
        "konnten", "kannst", "muss", "müssen", "musste", "soll", "sollen", "sollte", "will", "wollen", "darf", "dürfen",
        "mag", "möchte", "tut", "tun", "macht", "machen", "gibt", "gibts", "geben", "lässt", "lasst", "lassen",
        "zeigt", "zeigen", "sagt", "sagen", "meint", "glaub", "glaube", "glaubt", "denke", "denk", "schaut", "schauts",
        "steht", "stehen", "liegt", "bleibt", "bleiben", "kommt", "kommen", "wieder", "brauchen", "brauche", "braucht",
        "bitte", "schicken", "schickt", "schick",
        // particles, adverbs, time words
        "nicht", "ned", "net", "nit", "nimmer", "nimma", "kein", "keine", "keinen", "keiner", "keinem", "nur", "noch",
        "mehr", "schon", "auch", "sehr", "ganz", "gar", "halt", "eh", "ja", "nein", "doch", "mal", "grad", "gerade",
        "jetzt", "heute", "heut", "gestern", "morgen", "früh", "fruh", "abends", "morgens", "vormittag", "nachmittag",
        "abend", "nacht", "immer", "dauernd", "ständig", "standig", "wieder", "oft", "manchmal", "plötzlich", "seit",
        "sofort", "dringend", "bald", "gleich", "leider", "wohl", "vielleicht", "eventuell", "wirklich", "total",
        "komplett", "völlig", "voll", "richtig", "einfach", "so", "dann", "da", "dort", "hier", "drin", "drinnen",
        "draußen", "vorne", "vorn", "hinten", "links", "rechts", "oben", "unten", "mitte", "innen", "außen", "rauf",
        "runter", "hoch", "herunter", "heraus", "raus", "rein", "weg", "zurück", "zusammen", "wegen", "etwa", "ca",
        "ungefähr", "circa", "lg", "vg", "mfg", "danke", "dank", "servus", "hallo", "hi", "hey", "moin", "griaß",
        "grüß", "gott", "guten", "gute", "morgen", "tag", "info", "achtung", "wichtig", "kurz", "kurze", "update",
        "bitteschön", "bissl", "bisschen", "paar", "viel", "viele", "wenig", "zwei", "drei", "vier", "eins", "erst",
        "zweite", "dritte", "neu", "neue", "neuen", "alt", "alte", "alten", "jeden", "jede", "jeder", "wann", "warum",
        "hm", "ah", "oh", "ok", "okay", "na", "nu",
        // Austrian dialect as typed on a phone
        "heit", "heid", "gestan", "morgn", "scho", "oba", "wos", "wia", "mia", "ma", "ana", "oana", "bam", "ois", "imma",
        "grod", "glei", "jetz", "etz", "amoi", "wieda", "oiwei", "hoid", "des", "dera", "vo", "z", "bissl", "nimmer",
        "kennzeichen", "kz", "nummer", "fahrzeug",
        // English
        "the", "an", "and", "or", "but", "of", "on", "at", "to", "for", "from", "with", "without", "by", "into", "onto",
        "near", "over", "under", "behind", "after", "before", "since", "again", "still", "just", "only", "very", "really",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "got", "gets", "get", "does",
        "did", "do", "can", "could", "will", "would", "should", "must", "may", "might", "shall", "it", "its", "this",
        "that", "these", "those", "there", "here", "my", "our", "your", "his", "her", "their", "we", "you", "he",
        "she", "they", "i", "me", "us", "him", "them", "not", "no", "dont", "doesnt", "wont", "cant", "isnt", "arent",
        "didnt", "wasnt", "today", "tonight", "yesterday", "tomorrow", "morning", "evening", "night", "now", "please",
        "thanks", "hello", "hey", "guys", "some", "any", "all", "every", "each", "keeps", "keep", "making", "makes",
        "back", "front", "left", "right", "up", "down", "out", "off", "in", "again", "anymore", "halfway", "always",
        "urgent", "asap", "also", "too", "so", "then", "which", "what", "who", "where", "when", "how", "why",
    };

    private static readonly HashSet<string> Folded = Words.Select(TextFolding.Fold).ToHashSet(StringComparer.Ordinal);

    public static bool Contains(string foldedWord) =>
        Folded.Contains(foldedWord ?? throw new ArgumentNullException(nameof(foldedWord)));
}
