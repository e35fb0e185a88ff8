using System.ComponentModel.DataAnnotations;

namespace OpsCopilot.Web.Features.Health;

public sealed class ReadinessOptions
{
    public const string Section = "OpsCopilot:Health";

    /// <summary>
    /// /readyz answers within this budget even when the database hangs (a load balancer's probe must not hang with it):
    /// a check that takes longer is "database_unavailable". Env: OpsCopilot__Health__ReadinessTimeoutMilliseconds.
    /// </summary>
    [Range(100, 30_000)]
    public int ReadinessTimeoutMilliseconds { get; set; } = 1000;

    public TimeSpan ReadinessTimeout => TimeSpan.FromMilliseconds(ReadinessTimeoutMilliseconds);
}
