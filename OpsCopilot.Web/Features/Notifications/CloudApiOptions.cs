using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Notifications;

public enum TemplateParameterFormat
{
    /// <summary>{"type":"text","parameter_name":"driver_name","text":"Max"}: templates created with named parameters.</summary>
    Named,
    /// <summary>{"type":"text","text":"Max"} in expected_params order: templates with {{1}}, {{2}}, ….</summary>
    Positional,
}

public sealed class CloudApiOptions
{
    public const string Section = "OpsCopilot:CloudApi";

    /// <summary>Graph API base including the version.</summary>
    [Url]
    public string BaseUrl { get; set; } = "https://graph.facebook.com/v21.0";

    /// <summary>The WhatsApp Business phone number id messages are sent from.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>System-user access token (Bearer).</summary>
    public string? AccessToken { get; set; }

    public TemplateParameterFormat ParameterFormat { get; set; } = TemplateParameterFormat.Named;

    [Range(100, 120_000)]
    public int TimeoutMs { get; set; } = 10_000;
}
