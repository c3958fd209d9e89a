using System.CommandLine;
using Decisioning.History;
using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Decisioning.Serialization;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// <c>--db PATH</c> and <c>--postgres CONNECTION</c> on a command: the interaction history it
/// reads or writes. Any command gains them with <see cref="AddTo"/> and opens the store with
/// <see cref="Open"/>; a command that reads decision or outcome files reads a history's instead
/// through <see cref="OpenLines"/>, which gives the same lines the files would.
/// </summary>
internal sealed class HistoryStoreOption
{
    /// <summary>
    /// How long a command reads and writes again while the store is unavailable (a database
    /// restarting) before it stops: the library's default (<see cref="HistoryOptions.RetryUnavailableFor"/>).
    /// </summary>
    public static TimeSpan RetryUnavailableFor { get; } = new HistoryOptions().RetryUnavailableFor;

    public Option<string?> Db { get; } = new("--db") { Description = "Interaction history in this SQLite file (created when missing)" };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Interaction history in this PostgreSQL database (a connection string)" };

    public T AddTo<T>(T command)
        where T : Command
    {
        command.Options.Add(Db);
        command.Options.Add(Postgres);
        return command;
    }

    /// <summary>Whether --db or --postgres was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(Db) is not null || parse.GetValue(Postgres) is not null;

    /// <summary>
    /// Opens the history named, or prints why not and returns null: both options given, neither
    /// (when <paramref name="required"/>), or a store that cannot be opened.
    /// </summary>
    public IInteractionHistory? Open(ParseResult parse, CliContext context, bool required = true)
    {
        var (db, postgres) = (parse.GetValue(Db), parse.GetValue(Postgres));
        if (db is not null && postgres is not null)
        {
            context.Error.WriteLine("error: give --db or --postgres, not both");
            return null;
        }

        if (db is null && postgres is null)
        {
            if (required)
            {
                context.Error.WriteLine("error: give the history with --db PATH or --postgres CONNECTION");
            }

            return null;
        }

        try
        {
            return db is not null ? new SqliteHistory(db) : new PostgresHistory(postgres!);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            context.Error.WriteLine($"error: the history cannot be opened: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The lines a file-reading command reads: the file <paramref name="file"/> when given, else
    /// the history's lines (<see cref="HistoryTransfer.DecisionStream"/>, <see cref="HistoryTransfer.OutcomeStream"/>
    /// or <see cref="HistoryTransfer.SnapshotStream"/>), which are the same lines the files would hold.
    /// </summary>
    public static Stream OpenLines(string? file, IInteractionHistory? history, Func<IInteractionHistory, HistoryQuery?, Stream> fromHistory) =>
        file is not null
            ? new FileStream(CliIo.RequireFile(file), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)
            : fromHistory(history ?? throw new ArgumentNullException(nameof(history)), null);
}
