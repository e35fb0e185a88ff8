using System.Text;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Tests.Security;

public sealed class MetaSignatureVerifierTests
{
    private const string AppSecret = "meta_app_secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account"}""");

    // echo -n "$BODY" | openssl dgst -sha256 -hmac meta_app_secret
    private const string OpensslSignature = "sha256=97aa47d0df64871841c774773226ff6a24354c2a31964af401f60a4f7c279249";

    [Fact]
    public void SignerMatchesOpenssl() => WebhookSigner.SignMeta(AppSecret, Body).ShouldBe(OpensslSignature);

    [Fact]
    public void ValidSignaturePasses()
    {
        var check = MetaSignatureVerifier.Verify(Body, OpensslSignature, AppSecret);

        check.IsValid.ShouldBeTrue();
        check.Scheme.ShouldBe(WebhookScheme.Meta);
    }

    [Fact]
    public void UppercaseHexPasses() =>
        MetaSignatureVerifier.Verify(Body, "sha256=" + OpensslSignature[7..].ToUpperInvariant(), AppSecret).IsValid.ShouldBeTrue();

    [Fact]
    public void MissingHeaderIsMissing() =>
        MetaSignatureVerifier.Verify(Body, null, AppSecret).Failure.ShouldBe(SignatureFailure.MissingHeaders);

    [Fact]
    public void WrongSecretIsInvalid() =>
        MetaSignatureVerifier.Verify(Body, OpensslSignature, "other_secret").Failure.ShouldBe(SignatureFailure.InvalidSignature);

    [Fact]
    public void BodyChangedByOneByteIsInvalid()
    {
        var changed = (byte[])Body.Clone();
        changed[5] ^= 0x01;

        MetaSignatureVerifier.Verify(changed, OpensslSignature, AppSecret).Failure.ShouldBe(SignatureFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("97aa47d0df64871841c774773226ff6a24354c2a31964af401f60a4f7c279249")]
    [InlineData("sha1=97aa47d0df64871841c774773226ff6a24354c2a31964af401f60a4f7c279249")]
    [InlineData("sha256=97aa47d0df64871841c774773226ff6a24354c2a31964af401f60a4f7c27924")]
    [InlineData("sha256=zzaa47d0df64871841c774773226ff6a24354c2a31964af401f60a4f7c279249")]
    public void MalformedHeaderIsReportedAsSuch(string header) =>
        MetaSignatureVerifier.Verify(Body, header, AppSecret).Failure.ShouldBe(SignatureFailure.MalformedHeaders);

    [Fact]
    public void UnconfiguredAppSecretIsAConfigurationError() =>
        Should.Throw<ArgumentException>(() => MetaSignatureVerifier.Verify(Body, OpensslSignature, ""));
}
