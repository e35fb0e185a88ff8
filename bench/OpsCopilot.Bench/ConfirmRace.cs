using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsCopilot.Bench;

/// <summary>Console confirms: one at a time, and many at once on one draft.</summary>
public sealed record ConfirmRaceResult(int Races, int Racers, LatencyStats Uncontended, LatencyStats Contended, LatencyStats ReadBurst)
{
    /// <summary>The slowest 1 % of racing confirms against the median confirm with nothing else in flight.</summary>
    public double P99Ratio => Contended.P99 / Uncontended.P50;
}

/// <summary>
/// The draft decision under contention, through the real console API (the demo admin's session cookie): ticket
/// drafts created with POST /drafts/ticket, then (a) confirmed one by one, nothing else in flight, and (b) each
/// confirmed by <see cref="BenchOptions.ConfirmRacers"/> requests released at once. Every answer must be 200
/// COMMITTED (a repeat returns the stored result) and each raced draft must have exactly one ticket and one
/// DRAFT_COMMITTED event. The first race and the first two single confirms warm up connections and are not counted.
/// </summary>
public static class ConfirmRace
{
    public static async Task<ConfirmRaceResult> RunAsync(BenchDatabase database, Uri hostUrl, BenchOptions options, List<string> failures)
    {
        using var console = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.ConfirmRacers, UseCookies = true, CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        }) { BaseAddress = hostUrl, Timeout = TimeSpan.FromSeconds(120) };
        (await console.PostAsJsonAsync("api/v1/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword }))
            .EnsureSuccessStatusCode();

        var single = new List<double>();
        for (var i = 0; i < options.UncontendedConfirms + 2; i++)
        {
            var draft = await CreateDraftAsync(console, $"Bench single confirm {i}");
            var (ok, ms, body) = await ConfirmAsync(console, draft);
            if (!ok) failures.Add($"uncontended confirm of {draft}: {body}");
            if (i >= 2) single.Add(ms);
        }

        var raced = new List<double>();
        for (var race = 0; race <= options.ConfirmRaces; race++)
        {
            var draft = await CreateDraftAsync(console, $"Bench confirm race {race}");
            using var start = new SemaphoreSlim(0);
            var racers = Enumerable.Range(0, options.ConfirmRacers).Select(async _ =>
            {
                await start.WaitAsync();
                return await ConfirmAsync(console, draft);
            }).ToList();
            start.Release(options.ConfirmRacers);
            var answers = await Task.WhenAll(racers);

            var wrong = answers.Where(a => !a.Ok).ToList();
            if (wrong.Count > 0) failures.Add($"confirm race {race}: {wrong.Count} of {answers.Length} answers not 200 COMMITTED: {wrong[0].Body}");
            var tickets = await database.ScalarAsync<long>(HostProcess.DemoTenantId, $"SELECT count(*) FROM ops.tickets WHERE draft_id = '{draft}'");
            var commits = await database.ScalarAsync<long>(HostProcess.DemoTenantId,
                $"SELECT count(*) FROM ops.events WHERE event_type = 'DRAFT_COMMITTED' AND payload ? 'draft_id' AND payload ->> 'draft_id' = '{draft}'");
            if (tickets != 1 || commits != 1)
                failures.Add($"confirm race {race}: {tickets} tickets and {commits} DRAFT_COMMITTED events for one draft confirmed {options.ConfirmRacers} times");
            if (race > 0) raced.AddRange(answers.Select(a => a.Milliseconds));
        }

        // The floor of any burst on this machine: as many authenticated reads of one draft at once (cookie, session
        // check, one query, JSON) — what the racing confirms cost beyond it is the decision's own.
        var burst = new List<double>();
        var read = await CreateDraftAsync(console, "Bench read burst");
        for (var round = 0; round <= options.ConfirmRaces; round++)
        {
            using var start = new SemaphoreSlim(0);
            var readers = Enumerable.Range(0, options.ConfirmRacers).Select(async _ =>
            {
                await start.WaitAsync();
                var started = Stopwatch.GetTimestamp();
                using var response = await console.GetAsync($"api/v1/ops/drafts/{read}");
                await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) failures.Add($"read burst: {(int)response.StatusCode}");
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }).ToList();
            start.Release(options.ConfirmRacers);
            var times = await Task.WhenAll(readers);
            if (round > 0) burst.AddRange(times);
        }

        return new ConfirmRaceResult(options.ConfirmRaces, options.ConfirmRacers, LatencyStats.From(single), LatencyStats.From(raced), LatencyStats.From(burst));
    }

    private static async Task<Guid> CreateDraftAsync(HttpClient console, string title)
    {
        using var response = await console.PostAsJsonAsync("api/v1/ops/drafts/ticket", new { title, description = "bench", vehicle_plate = "W-1234" });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating a ticket draft failed ({(int)response.StatusCode}): {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<(bool Ok, double Milliseconds, string Body)> ConfirmAsync(HttpClient console, Guid draft)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await console.PostAsJsonAsync($"api/v1/ops/drafts/{draft}/confirm", new { confirmed = true });
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var committed = response.StatusCode == HttpStatusCode.OK
                        && JsonDocument.Parse(text).RootElement.TryGetProperty("status", out var status) && status.GetString() == "COMMITTED";
        return (committed, elapsed, text.Length <= 300 ? text : text[..300]);
    }
}
