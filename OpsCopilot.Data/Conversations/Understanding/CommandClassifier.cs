using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// Recognises the protocol replies (PAIR, CONFIRM, CANCEL, HELP, STOP, START) the way people write them, in German,
/// Austrian and English. Every word of a reply is sorted into a <see cref="ReplyCue"/>; a reply is a command only when
/// no word falls outside those classes, because CONFIRM commits a draft: "ok super" or "ja, aber erst morgen" must not
/// be taken as a yes.
/// <list type="bullet">
/// <item>A yes needs a yes-word or a go-word ("ja passt so", "jo", "passt, schick", "✅"); an acknowledgement alone
/// ("ok", "passt", "👍", "alles klar") confirms nothing, because on a phone it usually means "seen".</item>
/// <item>A no is a no-word, a negated yes or go ("nicht abschicken", "passt ned", "stimmt nicht", "doch nicht"), or a
/// word saying the draft is wrong ("Nein, falsches Kennzeichen").</item>
/// <item>STOP alone is a driver's unsubscribe; STOP with more ("Stopp, nicht abschicken!") is a no.</item>
/// <item>PAIR with its six-digit code counts wherever it stands ("Hallo! PAIR 123456", "PAIR 123 456 danke"): only the
/// code's holder can pair, so the words around it are harmless.</item>
/// </list>
/// </summary>
public static partial class CommandClassifier
{
    private const int MaxCommandWords = 8;

    private static readonly (ReplyCue Cue, WordList Words)[] Vocabulary =
    [
        (ReplyCue.Yes, WordList.Of(
            "=confirm", "=confirmed", "=confirmation", "=ja", "=jo", "=joa", "=jap", "=jup", "=japp", "=jawohl", "=jawoi",
            "=yes", "=y", "=yep", "=yup", "=yeah", "=yea", "=ye", "=bestätigen", "=bestätigt", "=bestätige", "=bestätig",
            "=genau", "=korrekt", "=richtig", "=stimmt", "=sicher", "=sure", "=correct", "=einverstanden", "=freigeben",
            "=freigegeben", "=approved", "=approve", "=agreed", "=jawoll", "=jep", "=jepp", "=yap", "=yup", "=jop", "=yess",
            "=affirmative", "=absolutely", "=definitely", "=natürlich", "=selbstverständlich", "=logisch")),
        (ReplyCue.Go, WordList.Of(
            "=schick", "=schicke", "=schicken", "=schicks", "=abschicken", "=absenden", "=senden", "=sende", "=send",
            "=go", "=mach", "=machen", "=machs", "=anlegen", "=erstellen", "=create", "=raus", "=ausführen", "=execute",
            "=proceed", "=durchführen", "=verschicken", "=versenden", "=aufmachen", "=eröffnen", "=buchen", "=do")),
        (ReplyCue.No, WordList.Of(
            "=cancel", "=cancelled", "=nein", "=na", "=naa", "=nö", "=nee", "=nä", "=ne", "=no", "=n", "=nope", "=nah",
            "=abbrechen", "=abbruch", "=abgebrochen", "=stornieren", "=storniere", "=storno", "=verwerfen", "=discard",
            "=vergiss", "=vergessen", "=forget", "=löschen", "=delete", "=lass", "=abort", "=zurückziehen", "=weg", "=cancle", "=cancell", "=canel")),
        (ReplyCue.Negation, WordList.Of(
            "=nicht", "=ned", "=net", "=nit", "=not", "=dont", "=kein", "=keine", "=never", "=nimmer", "=nix")),
        (ReplyCue.Wrong, WordList.Of(
            "=falsch", "=falsche", "=falscher", "=falsches", "=falschen", "=wrong", "=incorrect", "=fehler", "=vertippt",
            "=verschrieben", "=mistake", "=typo", "=irrtum", "=oops", "=hoppla", "=ups")),
        (ReplyCue.Acknowledgement, WordList.Of(
            "=ok", "=okay", "=oki", "=okey", "=okidoki", "=k", "=kk", "=passt", "=gut", "=super", "=perfekt", "=top",
            "=klar", "=alles", "=fein", "=fine", "=cool", "=great", "=good", "=nice", "=alright", "=allright", "=bestens",
            "=gerne", "=gern", "=wunderbar", "=prima", "=geht", "=basst")),
        (ReplyCue.Stop, WordList.Of("=stop", "=stopp", "=abmelden", "=unsubscribe", "=abbestellen")),
        (ReplyCue.Start, WordList.Of("=start", "=anmelden", "=subscribe", "=resubscribe")),
        (ReplyCue.Help, WordList.Of("=help", "=hilfe", "=hälp")),
        (ReplyCue.Filler, WordList.Of(
            "=bitte", "=please", "=pls", "=plz", "=bitteschön", "=danke", "=dankeschön", "=thanks", "=thank", "=thx",
            "=merci", "=so", "=das", "=des", "=es", "=it", "=that", "=this", "=dann", "=gleich", "=jetzt", "=now", "=los",
            "=ruhig", "=einfach", "=mal", "=schon", "=auch", "=ich", "=i", "=wir", "=we", "=du", "=you", "=the", "=der",
            "=die", "=den", "=dem", "=is", "=ist", "=war", "=was", "=sorry", "=hallo", "=hi", "=hey", "=servus", "=ah",
            "=oh", "=ahh", "=hmm", "=hm", "=eh", "=ähm", "=äh", "=da", "=a", "=an", "=ein", "=eine", "=kennzeichen",
            "=nummer", "=fahrer", "=name", "=zeit", "=uhrzeit", "=datum", "=tag", "=ticket", "=vorlage", "=template",
            "=nachricht", "=message", "=plate", "=driver", "=time", "=date", "=draft", "=entwurf", "=ahead", "=sein",
            "=weg", "=vielen", "=dank", "=much", "=very", "=sehr", "=ganz", "=echt", "=wirklich", "=really", "=mir",
            "=me", "=for", "=für", "=uns", "=us", "=bin", "=am", "=sind", "=are", "=hab", "=habe", "=have", "=and", "=und",
            "=doch", "=damit", "=halt")),
    ];

    // Tolerated typos only where a slip cannot turn one command into another: long words of the yes and no classes
    // ("bestätgen", "abbrechn", "confrim"). Short ones stay exact: one letter more makes "schick" a "Schicht".
    private static readonly ReplyCue[] TypoTolerantCues = [ReplyCue.Yes, ReplyCue.No, ReplyCue.Go];
    private const int MinTypoTolerantLength = 7;

    public static MessageReading? Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(c => c == '?'))
        {
            return new MessageReading(MessageIntent.Help);
        }

        if (FindPairCode(trimmed) is { } code)
        {
            return new MessageReading(MessageIntent.Pair) { Otp = code };
        }

        var intent = ClassifyReply(trimmed);
        return intent is null ? null : new MessageReading(intent.Value);
    }

    /// <summary>The six digits after a PAIR keyword anywhere in the message, or null (see <see cref="MentionsPairCode"/>).</summary>
    public static string? FindPairCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pair = PairPattern().Match(text);
        return pair.Success ? string.Concat(pair.Groups["code"].Value.Where(char.IsDigit)) : null;
    }

    /// <summary>
    /// True when the message holds a pairing code as <see cref="Classify"/> recognises one; the audit trail masks such a
    /// message's codes (MessageText.ForAudit), so what counts as a code is decided in one place.
    /// </summary>
    public static bool MentionsPairCode(string text) => FindPairCode(text) is not null;

    /// <summary>Where the code <see cref="FindPairCode"/> reads stands in the text (digits and their separators), or null.</summary>
    public static (int Start, int Length)? PairCodeSpan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pair = PairPattern().Match(text);
        return pair.Success ? (pair.Groups["code"].Index, pair.Groups["code"].Length) : null;
    }

    /// <summary>
    /// "ok", "passt", "👍", "alles klar, danke": an acknowledgement and nothing else. It decides nothing (on a phone it
    /// usually means "seen"); with a draft waiting, the copilot asks again.
    /// </summary>
    public static bool IsAcknowledgement(string text)
    {
        var cues = CuesOf(text);
        return cues is not null && cues.Contains(ReplyCue.Acknowledgement) && cues.All(c => c is ReplyCue.Acknowledgement or ReplyCue.Filler);
    }

    /// <summary>What the words of a short reply say, or null when it is not plainly one command.</summary>
    public static ReplyCue[]? CuesOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = MessageTokenizer.Tokenize(text);
        var cues = new List<ReplyCue>(tokens.Count + 2);
        foreach (var token in tokens)
        {
            var cue = CueOf(token.Folded);
            if (cue == ReplyCue.None)
            {
                return null;
            }

            cues.Add(cue);
        }

        cues.AddRange(EmojiCues(text));
        return cues.Count is 0 or > MaxCommandWords ? null : [.. cues];
    }

    private static MessageIntent? ClassifyReply(string text)
    {
        var cues = CuesOf(text);
        if (cues is null)
        {
            return null;
        }

        var saysNo = false;
        var saysYes = false;
        for (var i = 0; i < cues.Length; i++)
        {
            switch (cues[i])
            {
                case ReplyCue.No when !(IsDialectWell(cues, i)):
                case ReplyCue.Wrong:
                case ReplyCue.Negation:
                    saysNo = true;
                    break;
                case ReplyCue.Yes or ReplyCue.Go when !IsNegated(cues, i):
                    saysYes = true;
                    break;
            }
        }

        var stop = cues.Contains(ReplyCue.Stop);
        var start = cues.Contains(ReplyCue.Start);
        var help = cues.Contains(ReplyCue.Help);
        if (stop && (saysNo || cues.Contains(ReplyCue.Go)))
        {
            // "Stopp, nicht abschicken!" talks about the draft, not about the driver list.
            return saysYes ? null : MessageIntent.Cancel;
        }

        var commands = new[] { stop, start, help, saysYes || saysNo }.Count(c => c);
        if (commands != 1)
        {
            return null;
        }

        if (stop) return MessageIntent.Stop;
        if (start) return MessageIntent.Start;
        if (help) return MessageIntent.Help;

        // "ja nein" says two things at once; better to ask again than to guess.
        return saysYes && saysNo ? null : saysYes ? MessageIntent.Confirm : MessageIntent.Cancel;
    }

    /// <summary>A yes or go word with a negation right before or after it ("nicht abschicken", "passt ned").</summary>
    private static bool IsNegated(ReplyCue[] cues, int i) =>
        (i > 0 && cues[i - 1] == ReplyCue.Negation) || (i + 1 < cues.Length && cues[i + 1] == ReplyCue.Negation)
        || (i > 1 && cues[i - 2] == ReplyCue.Negation);

    /// <summary>Austrian "na" before an acknowledgement is "well" ("na gut", "na passt"), not "no".</summary>
    private static bool IsDialectWell(ReplyCue[] cues, int i) =>
        i + 1 < cues.Length && cues[i + 1] == ReplyCue.Acknowledgement;

    private static ReplyCue CueOf(string folded)
    {
        var cue = CueOfWord(folded);
        if (cue != ReplyCue.None || folded.Length < 3)
        {
            return cue;
        }

        // Drawn-out words: "neee", "jaaa", "nööö", "okkk".
        var squeezed = Squeeze(folded, 2);
        cue = squeezed == folded ? ReplyCue.None : CueOfWord(squeezed);
        return cue != ReplyCue.None ? cue : CueOfWord(Squeeze(folded, 1));
    }

    private static string Squeeze(string word, int keep)
    {
        var builder = new System.Text.StringBuilder(word.Length);
        foreach (var c in word)
        {
            var run = 0;
            for (var k = builder.Length - 1; k >= 0 && builder[k] == c; k--) run++;
            if (run < keep) builder.Append(c);
        }

        return builder.ToString();
    }

    private static ReplyCue CueOfWord(string folded)
    {
        foreach (var (cue, words) in Vocabulary)
        {
            if (words.Contains(folded))
            {
                return cue;
            }
        }

        foreach (var (cue, words) in Vocabulary)
        {
            if (TypoTolerantCues.Contains(cue) && words.ContainsTolerant(folded, MinTypoTolerantLength))
            {
                return cue;
            }
        }

        return ReplyCue.None;
    }

    private static IEnumerable<ReplyCue> EmojiCues(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case 0x2705 or 0x2714 or 0x2611: // ✅ ✔ ☑
                    yield return ReplyCue.Yes;
                    break;
                case 0x1F44D or 0x1F44C or 0x1F197: // 👍 👌 🆗
                    yield return ReplyCue.Acknowledgement;
                    break;
                case 0x274C or 0x2716 or 0x1F6AB or 0x1F44E or 0x26D4: // ❌ ✖ 🚫 👎 ⛔
                    yield return ReplyCue.No;
                    break;
                case 0x1F6D1: // 🛑
                    yield return ReplyCue.Stop;
                    break;
            }
        }
    }

    // The keyword, optionally "code", then the code typed in any grouping ("1234 5678", "123-456"), not glued to more
    // digits; anything may stand around it. Codes have 8 digits since issue 11; a 6-digit code (the earlier length) is
    // still read as an attempt, 7 digits never.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])pair(?:ing)?(?:[\s\-]*code)?[\s:#\-]*(?<code>\d(?:[\s\-]?\d){7}|\d(?:[\s\-]?\d){5})(?![\s\-]?\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairPattern();
}

/// <summary>What one word of a short reply contributes.</summary>
public enum ReplyCue
{
    /// <summary>A word that belongs to no reply: the message is something else.</summary>
    None,
    Yes,

    /// <summary>"schick", "mach", "send": a yes unless negated.</summary>
    Go,
    No,
    Negation,

    /// <summary>"falsch", "wrong": the draft is not what was meant.</summary>
    Wrong,

    /// <summary>"ok", "passt", "👍": seen, but no decision.</summary>
    Acknowledgement,
    Stop,
    Start,
    Help,

    /// <summary>Courtesy and small words that change nothing ("bitte", "danke", "so", "das").</summary>
    Filler,
}
