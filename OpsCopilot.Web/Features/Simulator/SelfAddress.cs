namespace OpsCopilot.Web.Features.Simulator;

/// <summary>Which of the server's listening addresses the host can call itself on.</summary>
public static class SelfAddress
{
    /// <summary>
    /// Prefers plain http (no certificate to trust for a call to itself); wildcard hosts become the loopback
    /// address. Null when the server listens nowhere (an in-memory test server).
    /// </summary>
    public static Uri? Choose(IEnumerable<string> listening)
    {
        var candidates = listening
            .Select(Normalize)
            .OfType<Uri>()
            .OrderBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .ToList();
        return candidates.FirstOrDefault();
    }

    private static Uri? Normalize(string address)
    {
        // Kestrel reports wildcards as "http://+:80", "http://*:80", "http://0.0.0.0:80" or "http://[::]:80".
        var text = address.Trim();
        foreach (var wildcard in (string[])["://+:", "://*:", "://0.0.0.0:", "://[::]:"])
            text = text.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/")
            : null;
    }
}
