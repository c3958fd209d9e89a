using Microsoft.Extensions.Logging;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// The command line's log: the library's warnings and errors (an interaction history that cannot
/// be reached, records that could not be written) as lines on standard error, <c>warning: ...</c>
/// and <c>error: ...</c>, so that a run waiting for its store says so instead of seeming to hang;
/// and the two notes that end such a wait. Other information (the history's stop counts) is left
/// out: the command's own summary says it.
/// </summary>
internal sealed class StderrLogger(TextWriter error) : ILogger
{
    // HistoryAvailableAgain and HistoryReadsGoOn (docs/telemetry.md): the notes that end a warning.
    private static readonly int[] Notes = [46, 49];
    private readonly Lock _writing = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var prefix = logLevel switch
        {
            >= LogLevel.Error => "error",
            LogLevel.Warning => "warning",
            LogLevel.Information when Notes.Contains(eventId.Id) => "note",
            _ => null,
        };
        if (prefix is null)
        {
            return;
        }

        var line = $"{prefix}: {formatter(state, exception)}" + (exception is null ? "" : $" ({exception.Message})");
        lock (_writing)
        {
            error.WriteLine(line);
        }
    }
}
