using OpsCopilot.Data.Security;
using static OpsCopilot.Tests.Security.SignedRequests;

namespace OpsCopilot.Tests.Security;

public sealed class ClawdbotSignatureTests
{
    [Fact]
    public void ValidSignaturePasses()
    {
        var check = Verifier().Verify(Body, Clawdbot(), Secrets(), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.Scheme.ShouldBe(WebhookScheme.Clawdbot);
        check.UsedPreviousSecret.ShouldBeFalse();
    }

    [Fact]
    public void MatchesTheRunbookVectorComputedWithOpenssl()
    {
        // echo -n "1732241234|$BODY" | openssl dgst -sha256 -hmac sk_live_abc123
        WebhookSigner.SignClawdbot(Secret, Now, Body)
            .ShouldBe("60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c56");
    }

    [Fact]
    public void Sha256PrefixIsAccepted()
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotSignature] = "sha256=" + headers[WebhookHeaders.ClawdbotSignature];

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void UppercaseHexIsAccepted()
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotSignature] = headers[WebhookHeaders.ClawdbotSignature]!.ToUpperInvariant();

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void HeaderNamesMatchCaseInsensitively()
    {
        var headers = Clawdbot().ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void HeaderCallbackOverloadVerifiesToo()
    {
        var headers = Clawdbot();

        var check = Verifier().Verify(Body, name => headers.GetValueOrDefault(name), Secrets(), Tolerance);

        check.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void EmptyBodyCanBeSignedAndVerified()
    {
        var headers = Clawdbot(body: []);

        Verifier().Verify([], headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void NoHeadersAtAllAreMissing()
    {
        Verifier().Verify(Body, new Dictionary<string, string?>(), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.MissingHeaders);
    }

    [Theory]
    [InlineData(WebhookHeaders.ClawdbotTimestamp)]
    [InlineData(WebhookHeaders.ClawdbotSignature)]
    public void EitherHeaderAloneIsMissingTheOther(string dropped)
    {
        var headers = Clawdbot();
        headers.Remove(dropped);

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MissingHeaders);
    }

    [Fact]
    public void NullHeaderValueCountsAsMissing()
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotSignature] = null;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MissingHeaders);
    }

    [Fact]
    public void WrongSecretIsInvalid()
    {
        Verifier().Verify(Body, Clawdbot(secret: OtherSecret), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void BodyChangedByOneByteIsInvalid()
    {
        Verifier().Verify(WithOneByteChanged(Body), Clawdbot(), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void ReplayWithAFreshTimestampIsInvalid()
    {
        var headers = Clawdbot(timestamp: Now - 3600);
        headers[WebhookHeaders.ClawdbotTimestamp] = Text(Now);

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("not-hex-at-all")]
    [InlineData("zz60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c")]
    [InlineData("60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c5")]
    [InlineData("60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c5600")]
    [InlineData("60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c")]
    [InlineData(" 60ce66df8d1c4712ea6bfda80023604f9733fff7bb2ad662b83cc95bfe7c3c56")]
    [InlineData("v1,YmFzZTY0IGlzIG5vdCBoZXg=")]
    public void MalformedSignatureIsReportedAsSuch(string signature)
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotSignature] = signature;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Theory]
    [InlineData("")]
    [InlineData("now")]
    [InlineData("1732241234.5")]
    [InlineData("-1732241234")]
    [InlineData("+1732241234")]
    [InlineData(" 1732241234")]
    [InlineData("1.7e9")]
    [InlineData("2024-11-22T02:07:14Z")]
    [InlineData("99999999999999999999999")]
    public void NonNumericTimestampIsMalformed(string timestamp)
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotTimestamp] = timestamp;

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void TimestampExactlyAtToleranceEitherWayPasses(int offsetSeconds)
    {
        Verifier().Verify(Body, Clawdbot(timestamp: Now + offsetSeconds), Secrets(), Tolerance)
            .IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void TimestampBeyondToleranceEitherWayIsStale(int offsetSeconds)
    {
        var check = Verifier().Verify(Body, Clawdbot(timestamp: Now + offsetSeconds), Secrets(), Tolerance);

        check.Failure.ShouldBe(SignatureFailure.StaleTimestamp);
        check.Scheme.ShouldBe(WebhookScheme.Clawdbot);
    }

    [Fact]
    public void StaleTimestampWithForgedSignatureIsInvalidNotStale()
    {
        // Staleness is only reported for genuinely signed requests.
        Verifier().Verify(Body, Clawdbot(secret: OtherSecret, timestamp: Now - 3600), Secrets(), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void SubSecondClockDoesNotTipExactToleranceOver()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now).AddMilliseconds(999));
        var verifier = new WebhookSignatureVerifier(clock);

        verifier.Verify(Body, Clawdbot(timestamp: Now - 300), Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void PreviousSecretIsAcceptedDuringRotation()
    {
        var check = Verifier().Verify(Body, Clawdbot(secret: OtherSecret), Secrets(previous: OtherSecret), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.UsedPreviousSecret.ShouldBeTrue();
    }

    [Fact]
    public void CurrentSecretStillWorksDuringRotation()
    {
        var check = Verifier().Verify(Body, Clawdbot(), Secrets(previous: OtherSecret), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.UsedPreviousSecret.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void OldSecretIsRefusedOnceRotationEnds(string? previous)
    {
        Verifier().Verify(Body, Clawdbot(secret: OtherSecret), Secrets(previous: previous), Tolerance)
            .Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void UnconfiguredCurrentSecretIsAConfigurationError(string current)
    {
        Should.Throw<ArgumentException>(() => Verifier().Verify(Body, Clawdbot(), Secrets(current: current), Tolerance));
        Should.Throw<ArgumentException>(() => Verifier().Verify(Body, new Dictionary<string, string?>(), Secrets(current: current), Tolerance));
    }

    [Fact]
    public void NegativeToleranceIsAConfigurationError()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Verifier().Verify(Body, Clawdbot(), Secrets(), TimeSpan.FromSeconds(-1)));
    }
}
