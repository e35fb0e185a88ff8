using System.Diagnostics;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// The statements Npgsql sends while it lives, read from its own tracing (ActivitySource "Npgsql"): only those of
/// this async flow, so tests running in parallel do not count.
/// </summary>
public sealed class NpgsqlCommandRecorder : IDisposable
{
    private readonly Activity root = new Activity("npgsql-command-recorder").Start();
    private readonly ActivityListener listener;
    private readonly List<string> texts = [];

    public NpgsqlCommandRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<string> Texts { get { lock (texts) return texts.ToList(); } }

    /// <summary>
    /// Makes a request to the in-process host part of this recorder's trace (W3C traceparent): the host's request
    /// activity takes it as its parent, so the statements it sends while handling the request are recorded.
    /// </summary>
    public HttpRequestMessage Traced(HttpRequestMessage request)
    {
        request.Headers.Remove("traceparent");
        request.Headers.Add("traceparent", $"00-{root.TraceId}-{root.SpanId}-01");
        return request;
    }

    private void Record(Activity activity)
    {
        if (activity.TraceId != root.TraceId) return;
        var text = activity.TagObjects.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value as string;
        if (text is null) return;
        lock (texts) texts.Add(text);
    }

    public void Dispose()
    {
        listener.Dispose();
        root.Stop();
    }
}
