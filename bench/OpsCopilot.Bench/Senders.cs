using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;

namespace OpsCopilot.Bench;

/// <summary>
/// The bench's dispatchers, paired the way a tenant admin pairs them: a console user per phone, a pairing code from
/// the API (signed in as the demo admin), and "PAIR &lt;code&gt;" through the signed webhook.
/// </summary>
public static class Senders
{
    /// <summary>Phones are this plus 1..N: valid E.164 digits that pgbench's scripts can compute too.</summary>
    public const long PhoneBase = 436640000000;

    public static string Phone(int sender) => (PhoneBase + sender).ToString(CultureInfo.InvariantCulture);

    /// <returns>The pairing messages and their replies: the first messages a redelivery can repeat.</returns>
    public static async Task<List<(byte[] Body, string Reply)>> PairAsync(BenchDatabase database, Uri hostUrl, IngestClient ingest, int count, string runId, TextWriter log)
    {
        var userIds = await CreateDispatchersAsync(database, count);

        using var admin = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = hostUrl };
        (await admin.PostAsJsonAsync("api/v1/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword }))
            .EnsureSuccessStatusCode();

        var pairings = new List<(byte[] Body, string Reply)>(count);
        for (var sender = 1; sender <= count; sender++)
        {
            using var response = await admin.PostAsJsonAsync("api/v1/ops/pairing/invites", new { user_id = userIds[sender - 1] });
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating a pairing code failed ({(int)response.StatusCode}): {text}");
            var otp = JsonDocument.Parse(text).RootElement.GetProperty("otp").GetString()!;

            var body = IngestClient.Body("whatsapp:+" + Phone(sender), "PAIR " + otp, $"wamid.bench-{runId}-pair-{sender}");
            var answer = await ingest.SendAsync(body);
            if (answer.Reply != ConversationReplies.Paired)
                throw new InvalidOperationException($"Pairing sender {sender} failed ({(int)answer.StatusCode}): {answer.RawBody}");
            pairings.Add((body, answer.Reply));
        }

        log.WriteLine($"Paired {count} dispatcher phones ({Phone(1)}..{Phone(count)})");
        return pairings;
    }

    private static async Task<List<Guid>> CreateDispatchersAsync(BenchDatabase database, int count)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = database.AppConnectionString,
            ["ConnectionStrings:Migrations"] = database.OwnerConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpsAdministration(configuration);
        await using var provider = services.BuildServiceProvider();

        var ids = new List<Guid>(count);
        for (var sender = 1; sender <= count; sender++)
        {
            await using var scope = provider.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            var user = await admin.UpsertUserAsync(HostProcess.DemoTenantId, $"bench-dispatcher-{sender}@bench.local",
                "Bench-Dispatcher-" + Guid.NewGuid().ToString("N"), AppRole.Dispatcher, $"Bench Dispatcher {sender}");
            ids.Add(user.Id);
        }

        return ids;
    }
}
