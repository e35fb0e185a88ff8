namespace OpsCopilot.Web.Features.Account;

/// <summary>Where the console goes after sign-in.</summary>
public static class ReturnUrls
{
    private static readonly Uri Base = new("http://local.invalid/");

    /// <summary>
    /// Only a path of this host (an attacker's returnUrl must not send a fresh session elsewhere), percent-encoded so
    /// any character (umlauts, emoji) makes a valid Location header; anything else is "/".
    /// </summary>
    public static string Safe(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || returnUrl.Contains('\\', StringComparison.Ordinal)
            || returnUrl.Any(char.IsControl))
            return "/";
        var path = "/" + returnUrl.TrimStart('/');
        if (path.StartsWith("//", StringComparison.Ordinal) || !Uri.TryCreate(Base, path, out var target)
            || target.Host != Base.Host || target.Scheme != Base.Scheme || target.Port != Base.Port)
            return "/";
        // Uri escapes what a header cannot carry (non-ASCII becomes UTF-8 percent-encoding).
        return target.PathAndQuery + target.Fragment;
    }
}
