using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Live;

public sealed class ChangeFeedOptions
{
    public const string Section = "OpsCopilot:ChangeFeed";

    /// <summary>Listen for database changes (the console's live updates). Off, pages still refresh periodically.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>With no announcement for this long the listener pings, so a dead connection is noticed.</summary>
    [Range(1, 600)]
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Reconnect backoff doubles from half a second up to this.</summary>
    [Range(1, 600)]
    public int MaxReconnectDelaySeconds { get; set; } = 30;
}
