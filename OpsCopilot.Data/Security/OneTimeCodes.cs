using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsCopilot.Data.Security;

/// <summary>
/// Eight-digit pairing codes (10^8: with the database's guess budgets an attacker's chance per live code and day
/// stays below 0.1 %, docs/security.md). Only <see cref="Hash"/> is stored: it is deterministic so the invite can be
/// looked up by it, and keyed with a server-side pepper so a database dump alone cannot be brute-forced through the
/// possible codes.
/// </summary>
public static class OneTimeCodes
{
    public const int CodeLength = 8;

    /// <summary>Shorter peppers could themselves be brute-forced together with the code space.</summary>
    public const int MinimumPepperBytes = 16;

    private const int CodeSpace = 100_000_000;

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, CodeSpace).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Lowercase hex HMAC-SHA256(pepper, code): 64 characters.</summary>
    public static string Hash(string code, ReadOnlySpan<byte> pepper)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeHash(code, pepper, mac);
        return Convert.ToHexStringLower(mac);
    }

    public static bool Matches(string code, string storedHash, ReadOnlySpan<byte> pepper)
    {
        ArgumentNullException.ThrowIfNull(storedHash);

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeHash(code, pepper, expected);

        Span<byte> stored = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return SignatureEncoding.TryDecodeHex(storedHash, stored)
            && CryptographicOperations.FixedTimeEquals(expected, stored);
    }

    private static void ComputeHash(string code, ReadOnlySpan<byte> pepper, Span<byte> mac)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (pepper.Length < MinimumPepperBytes)
        {
            throw new ArgumentException($"The pepper must be at least {MinimumPepperBytes} bytes.", nameof(pepper));
        }

        HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes(code), mac);
    }
}
