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
