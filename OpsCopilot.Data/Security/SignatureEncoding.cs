using System.Buffers;

namespace OpsCopilot.Data.Security;

/// <summary>
/// Decoders for attacker-controlled signature text: every malformed input is a <c>false</c>,
/// never an exception, and only inputs of exactly the expected size succeed.
/// </summary>
internal static class SignatureEncoding
{
    public static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        var status = Convert.FromHexString(hex, destination, out _, out var written);
        return status == OperationStatus.Done && written == destination.Length;
    }

    public static bool TryDecodeBase64(ReadOnlySpan<char> base64, Span<byte> destination)
    {
        // One spare byte lets an over-long value decode fully so it is rejected on length
        // rather than relying on how the decoder reports a too-small buffer.
        Span<byte> buffer = stackalloc byte[destination.Length + 1];
        if (!Convert.TryFromBase64Chars(base64, buffer, out var written) || written != destination.Length)
        {
            return false;
        }

        buffer[..written].CopyTo(destination);
        return true;
    }
}
