namespace OpsCopilot.Data.Conversations.Understanding;

public enum TemplateParamKind
{
    /// <summary>Filled from "name: value" in the message, when written that way.</summary>
    Other,

    /// <summary>Differs per recipient (driver_name); filled when the broadcast is expanded, never from the message.</summary>
    PerRecipient,
    Date,
    Time,
    Route,
}

public static class TemplateParamKinds
{
    public static TemplateParamKind Of(string paramName)
    {
        ArgumentNullException.ThrowIfNull(paramName);
        var name = TextFolding.Fold(paramName);
        if (name is "name" or "first_name" or "vorname" || ContainsAny(name, "driver", "fahrer", "recipient", "empfanger"))
        {
            return TemplateParamKind.PerRecipient;
        }

        if (name is "day" or "tag" || ContainsAny(name, "date", "datum"))
        {
            return TemplateParamKind.Date;
        }

        if (ContainsAny(name, "time", "zeit"))
        {
            return TemplateParamKind.Time;
        }

        return ContainsAny(name, "route", "tour") ? TemplateParamKind.Route : TemplateParamKind.Other;
    }

    private static bool ContainsAny(string text, params string[] parts) =>
        parts.Any(part => text.Contains(part, StringComparison.Ordinal));
}
