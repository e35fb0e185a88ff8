using System.Security.Cryptography;
using System.Text;
using OpsCopilot.Data.Security;
using static OpsCopilot.Tests.Security.SignedRequests;

namespace OpsCopilot.Tests.Security;

public sealed class StandardWebhooksSignatureTests
{
    // The reference vector from the Standard Webhooks libraries' own test suites.
    private const string ReferenceSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string ReferenceMessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long ReferenceTimestamp = 1_614_265_330;
    private const string ReferenceSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] ReferenceBody = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

    [Fact]
    public void SignerReproducesTheReferenceVector()
    {
        WebhookSigner.SignStandard(ReferenceSecret, ReferenceMessageId, ReferenceTimestamp, ReferenceBody)
            .ShouldBe(ReferenceSignature);
    }

    [Fact]
    public void ReferenceVectorVerifies()
    {
        var headers = new Dictionary<string, string?>
        {
            ["webhook-id"] = ReferenceMessageId,
            ["webhook-timestamp"] = Text(ReferenceTimestamp),
            ["webhook-signature"] = ReferenceSignature,
        };

        var check = Verifier(ReferenceTimestamp).Verify(ReferenceBody, headers, Secrets(ReferenceSecret), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.Scheme.ShouldBe(WebhookScheme.StandardWebhooks);
    }

    [Fact]
    public void PlainSecretIsUsedAsUtf8Key()
    {
        byte[] signedContent = [.. Encoding.UTF8.GetBytes($"{MessageId}.{Now}."), .. Body];
        var independent = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signedContent));

        WebhookSigner.SignStandard(Secret, MessageId, Now, Body).ShouldBe(independent);
        Verifier().Verify(Body, Standard(), Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void PrefixedSecretUsesTheDecodedKey()
    {
        // "whsec_" + base64("plain") signs with the bytes of "plain".
        WebhookSigner.SignStandard("whsec_cGxhaW4=", MessageId, Now, Body)
            .ShouldBe(WebhookSigner.SignStandard("plain", MessageId, Now, Body));
    }

    [Theory]
    [InlineData(WebhookHeaders.StandardId)]
    [InlineData(WebhookHeaders.StandardTimestamp)]
    [InlineData(WebhookHeaders.StandardSignature)]
    public void AnyMissingHeaderIsMissing(string dropped)
    {
        var headers = Standard();
        headers.Remove(dropped);

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MissingHeaders);
    }

    [Fact]
    public void WrongSecretIsInvalid()
    {
        Verifier().Verify(Body, Standard(secret: OtherSecret), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void BodyChangedByOneByteIsInvalid()
    {
        Verifier().Verify(WithOneByteChanged(Body), Standard(), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void MessageIdIsPartOfTheSignature()
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardId] = "msg_someone_else";

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void OneValidSignatureAmongSeveralPasses()
    {
        var headers = Standard();
        var valid = headers[WebhookHeaders.StandardSignature];
        var forged = WebhookSigner.SignStandard(OtherSecret, MessageId, Now, Body);
        headers[WebhookHeaders.StandardSignature] = $"v1,Zm9yZ2Vk {forged} v2,{valid![3..]} {valid} v1a,AAAA";

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void MalformedEntriesBesideAValidOneDoNotSpoilIt()
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardSignature] = "garbage v1,%%% " + headers[WebhookHeaders.StandardSignature];

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("v2,")]
    [InlineData("v1a,")]
    [InlineData("V1,")]
    public void SignaturesUnderUnknownVersionsAreIgnored(string label)
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardSignature] = label + headers[WebhookHeaders.StandardSignature]![3..];

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void SeveralWrongSignaturesAreInvalid()
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardSignature] = string.Join(' ',
            WebhookSigner.SignStandard(OtherSecret, MessageId, Now, Body),
            WebhookSigner.SignStandard("another", MessageId, Now, Body));

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("v1")]
    [InlineData("v1g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,")]
    [InlineData(",g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,not base64!")]
    [InlineData("v1,@@@@")]
    [InlineData("v1,AAAA")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AAAA")]
    public void MalformedSignatureHeaderIsReportedAsSuch(string signature)
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardSignature] = signature;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("1732241234.0")]
    [InlineData("-5")]
    public void NonNumericTimestampIsMalformed(string timestamp)
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardTimestamp] = timestamp;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void BlankMessageIdIsMalformed(string messageId)
    {
        var headers = Standard();
        headers[WebhookHeaders.StandardId] = messageId;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void TimestampExactlyAtTolerancePasses(int offsetSeconds)
    {
        Verifier().Verify(Body, Standard(timestamp: Now + offsetSeconds), Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void TimestampBeyondToleranceIsStale(int offsetSeconds)
    {
        Verifier().Verify(Body, Standard(timestamp: Now + offsetSeconds), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.StaleTimestamp);
    }

    [Fact]
    public void PreviousSecretIsAcceptedDuringRotation()
    {
        var check = Verifier().Verify(Body, Standard(secret: OtherSecret), Secrets(previous: OtherSecret), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.UsedPreviousSecret.ShouldBeTrue();
    }

    [Fact]
    public void OldSecretIsRefusedWithoutPrevious()
    {
        Verifier().Verify(Body, Standard(secret: OtherSecret), Secrets(previous: null), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }
}
