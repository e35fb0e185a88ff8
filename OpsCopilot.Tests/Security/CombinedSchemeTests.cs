using OpsCopilot.Data.Security;
using static OpsCopilot.Tests.Security.SignedRequests;

namespace OpsCopilot.Tests.Security;

/// <summary>Requests carrying headers of both schemes: either may authenticate.</summary>
public sealed class CombinedSchemeTests
{
    private static Dictionary<string, string?> Both(Dictionary<string, string?> clawdbot, Dictionary<string, string?> standard) =>
        clawdbot.Concat(standard).ToDictionary(h => h.Key, h => h.Value);

    [Fact]
    public void BothValidIsReportedAsStandardWebhooks()
    {
        var check = Verifier().Verify(Body, Both(Clawdbot(), Standard()), Secrets(), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.Scheme.ShouldBe(WebhookScheme.StandardWebhooks);
    }

    [Fact]
    public void ValidClawdbotPassesDespiteForgedStandardHeaders()
    {
        var check = Verifier().Verify(Body, Both(Clawdbot(), Standard(secret: OtherSecret)), Secrets(), Tolerance);

        check.IsValid.ShouldBeTrue();
        check.Scheme.ShouldBe(WebhookScheme.Clawdbot);
    }

    [Fact]
    public void ValidStandardPassesDespiteMalformedClawdbotHeaders()
    {
        var headers = Both(Clawdbot(), Standard());
        headers[WebhookHeaders.ClawdbotTimestamp] = "garbage";

        Verifier().Verify(Body, headers, Secrets(), Tolerance).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void InvalidSignatureOutranksMalformedHeaders()
    {
        var headers = Both(Clawdbot(secret: OtherSecret), Standard());
        headers[WebhookHeaders.StandardSignature] = "v1";

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Fact]
    public void StaleOutranksInvalid()
    {
        var check = Verifier().Verify(Body, Both(Clawdbot(secret: OtherSecret), Standard(timestamp: Now - 301)), Secrets(), Tolerance);

        check.Failure.ShouldBe(SignatureFailure.StaleTimestamp);
        check.Scheme.ShouldBe(WebhookScheme.StandardWebhooks);
    }

    [Fact]
    public void MalformedOutranksMissing()
    {
        var headers = Clawdbot();
        headers[WebhookHeaders.ClawdbotSignature] = "xyz";

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MalformedHeaders);
    }

    [Fact]
    public void HalfOfEachSchemeIsStillMissing()
    {
        var headers = new Dictionary<string, string?>
        {
            [WebhookHeaders.ClawdbotTimestamp] = Text(Now),
            [WebhookHeaders.StandardSignature] = WebhookSigner.SignStandard(Secret, MessageId, Now, Body),
        };

        Verifier().Verify(Body, headers, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.MissingHeaders);
    }

    [Fact]
    public void ClawdbotSignatureDoesNotValidateAsStandardOrViceVersa()
    {
        var standard = Standard();
        var crossed = new Dictionary<string, string?>
        {
            [WebhookHeaders.ClawdbotTimestamp] = Text(Now),
            [WebhookHeaders.ClawdbotSignature] = Convert.ToHexStringLower(Convert.FromBase64String(standard[WebhookHeaders.StandardSignature]![3..])),
        };

        Verifier().Verify(Body, crossed, Secrets(), Tolerance).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }
}
