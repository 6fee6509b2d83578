using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dcgan.Core.Tests;

/// <summary>A real ILoggerProvider that keeps every entry, for asserting on events.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<(EventId Event, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
