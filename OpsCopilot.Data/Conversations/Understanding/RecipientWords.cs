namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>Word classes used when reading who a broadcast is addressed to.</summary>
public static class RecipientWords
{
    /// <summary>Words after which names are recipients: "an Max", "to Anna".</summary>
    public static readonly WordList StrongOpeners = WordList.Of("=an", "=to");

    /// <summary>"für"/"for" also introduce dates ("für morgen"), so only a first-and-last name after them is kept unmatched.</summary>
    public static readonly WordList WeakOpeners = WordList.Of("=für", "=for");

    public static readonly WordList ListSeparators = WordList.Of("=und", "=and", "=sowie", "=plus");

    /// <summary>Titles before a name that are skipped: "an Fahrer Peter Meier", "to Mr Smith".</summary>
    public static readonly WordList Honorifics = WordList.Of(
        "=herr", "=herrn", "=frau", "=hr", "=fr", "=mr", "=mrs", "=ms", "=fahrer", "=fahrerin", "=driver",
        "=kollege", "=kollegin", "=colleague");

    private static readonly WordList NotNames = WordList.Of(
        "=die", "=der", "=das", "=den", "=dem", "=des", "=ein", "=eine", "=einen", "=the", "=a", "=am", "=um", "=im",
        "=in", "=on", "=at", "=ab", "=bis", "=zum", "=zur", "=mit", "=with", "=von", "=from", "=über", "=via",
        "=nach", "=by", "=bei", "=für", "=for", "=to", "=an", "=wegen", "=ihn", "=sie", "=ihm", "=ihr", "=ihre",
        "=seine", "=him", "=her", "=them", "=his", "=their", "=uns", "=mich", "=mir", "=dich", "=dir", "=you",
        "=me", "=us", "=bitte", "=please", "=danke", "=thanks", "=ok", "=heute", "=morgen", "=übermorgen",
        "=today", "=tomorrow", "=tonight", "=uhr", "=nächsten", "=nächste", "=kommenden", "=kommende", "=next",
        "=this", "=diesen", "=diese", "=woche", "=week", "=alle", "=allen", "=all", "=everyone", "=everybody",
        "=team", "=send", "=schick", "=schicke", "=schicken", "=sende", "=senden", "=info", "=nachricht",
        "=message", "=reminder", "=erinnerung", "=und", "=and", "=neue", "=new", "=route", "=depot");

    public static bool IsNotName(MessageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var word = token.Folded;
        return token.IsNumber
            || word.Length < 2
            || NotNames.Contains(word)
            || CalendarWords.IsWeekday(word)
            || CalendarWords.IsFullMonthName(word)
            || TemplateVocabulary.IsVocabularyWord(word)
            || ProblemVocabulary.Classify(word) != ProblemWordKind.None;
    }
}
