using System.Security.Cryptography;
using System.Text;

namespace OpsCopilot.Data.Security;

/// <summary>Constant-time equality for secrets such as Meta's <c>hub.verify_token</c>.</summary>
public static class SecretComparison
{
    // The time depends on the lengths only, never on how many leading characters match.
    public static bool FixedTimeEquals(string? expected, string? presented)
    {
        if (string.IsNullOrEmpty(expected) || presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
    }
}
