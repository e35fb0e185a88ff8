using System.Text.Json;
using System.Text.RegularExpressions;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

public sealed partial class SensitiveTextTests
{
    [Theory]
    [InlineData("PAIR 123456", "PAIR ******")]
    [InlineData("pair 123 456", "pair *** ***")]
    [InlineData("PAIR-123-456", "PAIR-***-***")]
    [InlineData("Code: 042917.", "Code: ******.")]
    [InlineData("123456", "******")]
    [InlineData("(123456)", "(******)")]
    public void MasksSixDigitCodes(string text, string masked) => SensitiveText.Mask(text).ShouldBe(masked);

    [Theory]
    [InlineData("from whatsapp:436641234567", "from whatsapp:436*******67")]
    [InlineData("whatsapp:+43 664 1234567", "whatsapp:+436*******67")]
    [InlineData("Ruf +43 (664) 123-4567 an", "Ruf +436*******67 an")]
    [InlineData("Tel: 436641234567", "Tel: 436*******67")]
    [InlineData("Nummer 0664 1234567 bitte", "Nummer **** ******* bitte")]
    [InlineData("0664/1234567", "****/*******")]
    [InlineData("00436641234567", "004*********67")]
    public void MasksPhoneNumbersInTheirCommonForms(string text, string masked) => SensitiveText.Mask(text).ShouldBe(masked);

    [Theory]
    [InlineData("Schicht am 22.11.2025 um 06:00")]
    [InlineData("Schicht am 2025-11-22 10:00")]
    [InlineData("at 2025-11-22T10:00:00Z")]
    [InlineData("Fahrzeug W-12345X, Ticket 4711, 12 Paletten")]
    [InlineData("thread 3f2a9c1e-0b7d-4e8a-9c3f-123456789012 done")]
    [InlineData("thread 12345678-1234-1234-1234-123456789012 done")]
    [InlineData("sig a3f1123456789b0c")]
    [InlineData("msg_123456 and id_12345678")]
    [InlineData("wamid.HBgMNDM2NjQxMjM0NTY3FQIAEhggQTNF")]
    [InlineData("1234567 is seven digits")]
    public void LeavesDatesIdsAndOrdinaryNumbersAlone(string text) => SensitiveText.Mask(text).ShouldBe(text);

    [Fact]
    public void CodeRunningIntoOtherDigitsRevealsNoneOfIt()
    {
        SensitiveText.Mask("PAIR 123456 4366412").ShouldBe("PAIR ****** *******");
        SensitiveText.Mask("PAIR 123456 436641234567").ShouldBe("PAIR ****** ************");
    }

    [Fact]
    public void DigitsBeyondFifteenAreMaskedCompletely() =>
        SensitiveText.Mask("card 4111 1111 1111 1111").ShouldBe("card **** **** **** ****");

    [Fact]
    public void NullAndEmptyBecomeEmpty()
    {
        SensitiveText.Mask(null).ShouldBe(string.Empty);
        SensitiveText.Mask(string.Empty).ShouldBe(string.Empty);
    }

    [Fact]
    public void InboundWebhookBodyStaysValidJsonWithoutNumberOrCode()
    {
        const string body = """
            {"from":"whatsapp:436641234567","body":"PAIR 123456","message_id":"msg_dedup_001","name":"Max"}
            """;

        var masked = SensitiveText.Mask(body);

        using var json = JsonDocument.Parse(masked);
        json.RootElement.GetProperty("from").GetString().ShouldBe("whatsapp:436*******67");
        json.RootElement.GetProperty("body").GetString().ShouldBe("PAIR ******");
        json.RootElement.GetProperty("message_id").GetString().ShouldBe("msg_dedup_001");
        json.RootElement.GetProperty("name").GetString().ShouldBe("Max");
        ShouldHideSecrets(masked, "436641234567", "123456");
    }

    [Fact]
    public void NumericJsonValuesAreMaskedAsStringsAndOthersKept()
    {
        const string body = """{"wa_id":436641234567,"code":123456,"count":3,"price":12.5,"ok":true,"none":null,"list":[1,42]}""";

        var masked = SensitiveText.Mask(body);

        using var json = JsonDocument.Parse(masked);
        json.RootElement.GetProperty("wa_id").GetString().ShouldBe("436*******67");
        json.RootElement.GetProperty("code").GetString().ShouldBe("******");
        json.RootElement.GetProperty("count").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("price").GetDouble().ShouldBe(12.5);
        json.RootElement.GetProperty("ok").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("none").ValueKind.ShouldBe(JsonValueKind.Null);
        json.RootElement.GetProperty("list").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void EscapedDigitsCannotSmuggleANumberPast()
    {
        // "\u0034\u0033..." is 436641234567 once decoded; "\n" would otherwise glue a letter to it.
        const string body = """{"from":"\u0034\u0033\u0036\u0036\u0034\u0031\u0032\u0033\u0034\u0035\u0036\u0037","body":"line\n123456\ttab\t436641234567"}""";

        var masked = SensitiveText.Mask(body);

        using var json = JsonDocument.Parse(masked);
        json.RootElement.GetProperty("from").GetString().ShouldBe("436*******67");
        json.RootElement.GetProperty("body").GetString().ShouldBe("line\n******\ttab\t436*******67");
    }

    [Fact]
    public void PhoneNumbersUsedAsPropertyNamesAreMaskedToo()
    {
        var masked = SensitiveText.Mask("""{"436641234567":{"last":"PAIR 654321"}}""");

        using var json = JsonDocument.Parse(masked);
        json.RootElement.TryGetProperty("436*******67", out var inner).ShouldBeTrue();
        inner.GetProperty("last").GetString().ShouldBe("PAIR ******");
    }

    [Fact]
    public void MetaCloudApiPayloadStaysValidJsonWithoutNumbers()
    {
        const string payload = """
            {
              "object": "whatsapp_business_account",
              "entry": [{
                "id": "102290129340398",
                "changes": [{
                  "field": "messages",
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
                    "contacts": [{ "profile": { "name": "Max Müller" }, "wa_id": "436641234567" }],
                    "messages": [{
                      "from": "436641234567",
                      "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                      "timestamp": "1732241234",
                      "text": { "body": "Mein Code ist 987 654, ruf mich an: +43 664 1234567" },
                      "type": "text"
                    }]
                  }
                }]
              }]
            }
            """;

        var masked = SensitiveText.Mask(payload);

        using var json = JsonDocument.Parse(masked);
        var message = json.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("messages")[0];
        message.GetProperty("from").GetString().ShouldBe("436*******67");
        message.GetProperty("id").GetString().ShouldBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        message.GetProperty("text").GetProperty("body").GetString().ShouldBe("Mein Code ist *** ***, ruf mich an: +436*******67");
        masked.ShouldContain("Max Müller");
        ShouldHideSecrets(masked, "436641234567", "15550783881", "987654");
    }

    [Fact]
    public void BrokenJsonIsMaskedAsPlainText()
    {
        var masked = SensitiveText.Mask("""{"from":"whatsapp:436641234567","body":"PAIR 123456" """);

        masked.ShouldBe("""{"from":"whatsapp:436*******67","body":"PAIR ******" """);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void NoGeneratedNumberOrCodeSurvives(int seed)
    {
        var random = new Random(seed);
        string[] templates =
        [
            "whatsapp:{0}", "whatsapp:+{1}", "+{1}", "{0}", "Ruf an: +{1}!", "from={0}&code={2}",
            "PAIR {2}", "Code {2}, Nummer {0}", "{{\"from\":\"whatsapp:{0}\",\"body\":\"PAIR {2}\"}}",
        ];

        for (var i = 0; i < 500; i++)
        {
            var phone = RandomPhone(random);
            var code = random.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var spaced = $"{phone[..2]} {phone[2..5]} {phone[5..]}";
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], phone, spaced, code);

            var masked = SensitiveText.Mask(text);

            ShouldHideSecrets(masked, phone, code);
            if (text.StartsWith('{'))
            {
                Should.NotThrow(() => JsonDocument.Parse(masked).Dispose());
            }
        }
    }

    private static string RandomPhone(Random random)
    {
        var length = random.Next(PhoneNumbers.MinDigits, PhoneNumbers.MaxDigits + 1);
        var digits = new char[length];
        digits[0] = (char)('1' + random.Next(9));
        for (var i = 1; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    // No secret may be recoverable from the digits left visible, and no run longer than the
    // five a masked phone number may show survives at all.
    private static void ShouldHideSecrets(string masked, params string[] secrets)
    {
        var visibleDigits = string.Concat(masked.Where(char.IsAsciiDigit));
        foreach (var secret in secrets)
        {
            visibleDigits.ShouldNotContain(secret, Case.Sensitive, $"in: {masked}");
        }

        DigitRun().Matches(masked).ShouldAllBe(run => run.Length <= 3);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRun();
}
