using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpsCopilot.Tests.Outbox;

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>An ILoggerProvider that keeps every formatted log line, to assert on structured event names and masking.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => entries.ToList();

    public IReadOnlyList<CapturedLog> Named(string eventName) => Entries.Where(e => e.EventId.Name == eventName).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception)));
    }
}
