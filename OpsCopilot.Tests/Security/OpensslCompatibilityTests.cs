using System.Diagnostics;
using System.Text;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// The runbook signs test requests with
/// <c>echo -n "${TS}|${BODY}" | openssl dgst -sha256 -hmac "$SECRET"</c>; the signer must agree byte for byte.
/// </summary>
public sealed class OpensslCompatibilityTests
{
    private const long Timestamp = 1_732_241_234;

    private static readonly (string Secret, string Body)[] Cases =
    [
        ("sk_live_abc123", """{"from":"whatsapp:436641234567","body":"Duplicate test","message_id":"msg_dedup_001"}"""),
        ("sk_live_abc123", ""),
        ("s3cr3t with spaces & \"quotes\"", """{"body":"Grüße aus Wien – Motor \"kaputt\" \\ 🚚"}"""),
        ("ümlaut-secret", "line one\nline two\r\n\ttabbed"),
    ];

    [Fact]
    public void SignerMatchesOpensslForEveryCase()
    {
        foreach (var (secret, body) in Cases)
        {
            var expected = OpensslHmacHex(secret, Encoding.UTF8.GetBytes($"{Timestamp}|{body}"));

            WebhookSigner.SignClawdbot(secret, Timestamp, Encoding.UTF8.GetBytes(body)).ShouldBe(expected, $"body: {body}");
        }
    }

    [Fact]
    public void OpensslSignatureVerifies()
    {
        var body = Encoding.UTF8.GetBytes("""{"from":"whatsapp:+43 664 1234567","body":"PAIR 123456","message_id":"wamid.X"}""");
        var signature = OpensslHmacHex("sk_live_abc123", [.. Encoding.UTF8.GetBytes($"{Timestamp}|"), .. body]);
        var headers = new Dictionary<string, string?>
        {
            [WebhookHeaders.ClawdbotTimestamp] = "1732241234",
            [WebhookHeaders.ClawdbotSignature] = signature,
        };

        var verifier = new WebhookSignatureVerifier(FixedTimeProvider.AtUnixSeconds(Timestamp));
        verifier.Verify(body, headers, new WebhookSecrets("sk_live_abc123", null), TimeSpan.FromSeconds(300))
            .IsValid.ShouldBeTrue();
    }

    private static string OpensslHmacHex(string secret, byte[] input)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dgst", "-sha256", "-hmac", secret })
        {
            start.ArgumentList.Add(argument);
        }

        using var openssl = Process.Start(start)!;
        openssl.StandardInput.BaseStream.Write(input);
        openssl.StandardInput.Close();
        var output = openssl.StandardOutput.ReadToEnd();
        openssl.WaitForExit();
        openssl.ExitCode.ShouldBe(0, openssl.StandardError.ReadToEnd());

        // "SHA2-256(stdin)= <hex>" (OpenSSL 3) or "(stdin)= <hex>" (1.1): the hex is the last word.
        return output.Trim().Split(' ')[^1];
    }
}
