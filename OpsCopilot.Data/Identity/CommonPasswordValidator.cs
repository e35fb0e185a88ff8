using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace OpsCopilot.Data.Identity;

/// <summary>
/// ASVS 5.0 §6.2: no composition rules, but no common or breached password either. Checked offline against the
/// 30,000 most common passwords (shipped as Identity/common-passwords.txt: zxcvbn 4.4.2's list, MIT licensed, drawn
/// from Xato's corpus of 10 million leaked passwords), also once the predictable decoration is taken off
/// ("Password1234!", "!!qwerty2024", "monkeymonkey"), and against the words of the account itself (the email's
/// name) and of the product.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";
    private const int MinimumCoreLength = 4;

    private static readonly string[] ProductWords = ["opscopilot", "ops copilot", "copilot", "dispatch", "dispatcher"];

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static bool IsCommon(string password, string? email = null)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (lowered.Length == 0) return true;
        foreach (var candidate in Variants(lowered))
        {
            if (Common.Value.Contains(candidate) || ProductWords.Contains(candidate)) return true;
        }

        // The account's own name, alone or barely decorated ("max.mustermann2024").
        var name = email?.Split('@')[0].ToLowerInvariant();
        var core = lowered.Trim(NonLetters(lowered));
        return name is { Length: >= MinimumCoreLength }
               && new[] { lowered, core }.Any(v => v.Contains(name, StringComparison.Ordinal) && v.Length - name.Length < MinimumCoreLength);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password, user.Email)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is too common or too easy to guess (it is on the list of the most used passwords, or is one with digits or symbols added). Choose a longer phrase of your own.",
            })
            : IdentityResult.Success);

    /// <summary>The password, its core without leading/trailing digits and symbols, and a repeated core's unit.</summary>
    private static IEnumerable<string> Variants(string lowered)
    {
        yield return lowered;
        var core = lowered.Trim().Trim(NonLetters(lowered));
        if (core.Length >= MinimumCoreLength)
        {
            yield return core;
            if (RepeatedUnit(core) is { } unit) yield return unit;
        }
        if (RepeatedUnit(lowered) is { } whole) yield return whole;
        // The letters alone: "dragon-dragon-1" is "dragondragon", i.e. "dragon" twice.
        var letters = new string(lowered.Where(char.IsLetter).ToArray());
        if (letters.Length >= MinimumCoreLength && letters != core)
        {
            yield return letters;
            if (RepeatedUnit(letters) is { } unit) yield return unit;
        }
    }

    private static char[] NonLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static string? RepeatedUnit(string text)
    {
        for (var size = 1; size <= text.Length / 2; size++)
        {
            if (text.Length % size != 0) continue;
            var unit = text[..size];
            if (string.Concat(Enumerable.Repeat(unit, text.Length / size)) == text) return unit;
        }
        return null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("OpsCopilot.Data.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) words.Add(line);
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
