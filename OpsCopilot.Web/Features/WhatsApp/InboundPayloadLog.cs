using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsCopilot.Data;
using OpsCopilot.Data.Security;
using OpsCopilot.Data.Tenancy;

namespace OpsCopilot.Web.Features.WhatsApp;

/// <summary>
/// Stores a sample of accepted inbound payloads in ops.webhook_logs, masked (phone numbers, six-digit codes) before
/// they leave the process. Best effort: a failure here is logged and never fails the message.
/// </summary>
public sealed partial class InboundPayloadLog(
    IServiceScopeFactory scopes, IOptionsMonitor<InboundLogOptions> options, ILogger<InboundPayloadLog> logger)
{
    public bool ShouldSample()
    {
        var current = options.CurrentValue;
        return current.DebugSnapshot || (current.SampleRate > 0 && Random.Shared.NextDouble() < current.SampleRate);
    }

    public async Task MaybeStoreAsync(string channel, string? waUserId, int? tenantId, ReadOnlyMemory<byte> payload)
    {
        if (!ShouldSample()) return;

        var masked = SensitiveText.Mask(Encoding.UTF8.GetString(payload.Span));
        var maskedSender = waUserId is null ? null : PhoneNumbers.Mask(waUserId);
        var ttl = TimeSpan.FromDays(options.CurrentValue.RetentionDays);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The sample belongs to the sender's tenant (the function takes the scope's), or to none.
            if (tenantId is { } id) scope.ServiceProvider.GetRequiredService<TenantContext>().Use(id);
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            await db.Database.ExecuteSqlAsync(
                $"SELECT ops.log_inbound_sample({channel}::text, {maskedSender}::text, {masked}::text, {ttl}::interval)");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogStoreFailed(logger, channel, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Could not store a sampled {Channel} payload ({Error}); the message itself is unaffected")]
    private static partial void LogStoreFailed(ILogger logger, string channel, string error);
}
