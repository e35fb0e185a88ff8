using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsCopilot.Data.Security;

/// <summary>
/// Masks phone numbers, pairing codes and six-digit codes before text reaches logs or <c>ops.webhook_logs</c>.
/// It errs on the side of masking: an occasional masked id or amount is cheaper than a leaked
/// number or pairing code.
/// </summary>
public static partial class SensitiveText
{
    /// <summary>
    /// JSON objects and arrays are rewritten value by value (compactly), so escaped characters
    /// cannot hide a number from the patterns and the result is still valid JSON; numeric JSON
    /// values that need masking become strings. Anything else is masked as plain text.
    /// </summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // JSON comes back escaped by the writer; plain text has its control characters escaped here, so a request
        // value with a newline can never start a forged line in a log.
        return TryMaskJson(text, out var maskedJson) ? maskedJson : EscapeControl(MaskPlain(text));
    }

    /// <summary>"\n", "\r", "\t" and \uXXXX for every other control character: one value, one log line.</summary>
    public static string EscapeControl(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Whether the text is a PAIR command (whatever emoji, asterisks or punctuation come first): every digit of it
    /// may be the code.
    /// </summary>
    public static bool IsPairingMessage(string? text) => text is not null && PairingCommand().IsMatch(text);

    // A pairing code is masked first and whole, however it is grouped ("PAIR 76 67 46 12"), before the phone and
    // code patterns could show some of its digits.
    private static string MaskPlain(string text) =>
        SixDigitCode().Replace(MaskPhoneNumbers(PairingCode().Replace(text, m => MaskEveryDigit(m.Value))), MaskCode);

    private static string MaskPhoneNumbers(string text) => PhoneCandidate().Replace(text, MaskPhoneCandidate);

    private static string MaskCode(Match match) =>
        match.Groups["uuid"].Success ? match.Value : MaskEveryDigit(match.Value);

    private static string MaskPhoneCandidate(Match match)
    {
        if (match.Groups["uuid"].Success)
        {
            return match.Value;
        }

        var marker = match.Groups["marker"].Value;
        var number = match.Groups["number"].Value;

        if (marker.Length == 0)
        {
            var date = LeadingDate().Match(number);
            if (date.Success)
            {
                return date.Value + MaskPhoneNumbers(number[date.Length..]);
            }
        }

        var digitCount = number.Count(char.IsAsciiDigit);
        if (digitCount < PhoneNumbers.MinDigits)
        {
            return match.Value;
        }

        // Show country code and tail only when the run is clearly one phone number; a run of
        // several groups may be a code followed by other digits, and its first three digits
        // could be the code's.
        var clearlyOnePhoneNumber = digitCount <= PhoneNumbers.MaxDigits
            && (marker.Length > 0 || number.All(char.IsAsciiDigit));
        return marker + (clearlyOnePhoneNumber ? PhoneNumbers.Mask(number) : MaskEveryDigit(number));
    }

    private static string MaskEveryDigit(string text) =>
        string.Create(text.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = char.IsAsciiDigit(source[i]) ? '*' : source[i];
            }
        });

    private static bool TryMaskJson(string text, [NotNullWhen(true)] out string? masked)
    {
        masked = null;
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || (start[0] != '{' && start[0] != '['))
        {
            return false;
        }

        var output = new ArrayBufferWriter<byte>(text.Length);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
            {
                // Keeps umlauts and the like readable in logs; output is never embedded in HTML unencoded.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            while (reader.Read())
            {
                CopyMasked(ref reader, writer);
            }

            writer.Flush();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON after all (or text JSON cannot represent): the plain-text pass still masks it.
            return false;
        }

        masked = Encoding.UTF8.GetString(output.WrittenSpan);
        return true;
    }

    private static void CopyMasked(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                writer.WritePropertyName(MaskPlain(reader.GetString()!));
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(MaskPlain(reader.GetString()!));
                break;
            case JsonTokenType.Number:
                var number = Encoding.UTF8.GetString(reader.ValueSpan);
                var maskedNumber = MaskPlain(number);
                if (maskedNumber == number)
                {
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(maskedNumber);
                }

                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                writer.WriteBooleanValue(reader.GetBoolean());
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
        }
    }

    // Ids in logs must stay greppable, and all-digit UUID groups would otherwise look like numbers.
    // Matching a UUID as a whole consumes it, so nothing inside it is masked.
    private const string WholeUuid =
        @"(?<uuid>(?<![0-9A-Za-z_])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z_]))";

    // A run of digits joined by short separators, optionally announced by "whatsapp:" or '+'.
    // Digits glued to letters (hex hashes, base64 ids, "msg_…") are not numbers of their own.
    [GeneratedRegex(
        WholeUuid + @"|(?<![0-9A-Za-z_])(?<marker>(?i:whatsapp:)\s*\+?|\+)?(?<number>[0-9](?:[ \-/().]{1,2}[0-9]|[0-9])*)(?![0-9A-Za-z_])",
        RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCandidate();

    // Dates would otherwise pass for phone numbers ("22.11.2025", "2025-11-22 10:00").
    [GeneratedRegex(
        @"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[./][0-9]{1,2}[./](?:[0-9]{4}|[0-9]{2}))(?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@"^\W*pair(?:ing)?(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairingCommand();

    // "pair" (or "pairing code") and every digit group after it, with any spacing or punctuation between them.
    [GeneratedRegex(@"(?<![\p{L}])pair(?:ing)?(?:\s*code)?[^\p{L}\p{N}]*(?:[0-9][^\p{L}0-9]{0,3})+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PairingCode();

    // Pairing codes, also as typed by people: "123456", "123 456", "123-456", "PAIR-123456".
    [GeneratedRegex(
        WholeUuid + @"|(?<![0-9A-Za-z_])[0-9]{3}[ \-]?[0-9]{3}(?![0-9A-Za-z_])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SixDigitCode();
}
