using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>
/// Keeps every log line at every level, scopes and exceptions included, with its level and category, so a test can
/// search all of them (e.g. for a secret). Unbounded: for short runs only.
/// </summary>
public sealed class AllLevelsLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(AllLevelsLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            log._entries.Enqueue((LogLevel.None, category, "scope: " + state));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a sink that writes them (JSON console, OpenTelemetry) would show them all.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            log._entries.Enqueue((logLevel, category, $"{formatter(state, exception)} [{values}]{(exception is null ? "" : Environment.NewLine + exception)}"));
        }
    }
}
