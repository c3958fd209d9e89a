using Microsoft.Data.Sqlite;

namespace Decisioning.History.Sqlite;

/// <summary>
/// The SQLite store's writing connection with its insert statements, prepared once and kept: a
/// batch is <c>BEGIN IMMEDIATE</c>, one bound statement a row, <c>COMMIT</c>. The columns are
/// <see cref="SqlHistory"/>'s, bound by position in that order. Not thread-safe (the store takes
/// turns); disposed after a failed batch, so that the next one starts on a fresh connection.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    // Each row's cost beside its texts, for the store's estimate of what the log holds.
    private const int RowBytes = 160;

    private readonly RawConnection _connection;
    private readonly RawStatement _begin, _commit, _rollback;
    private readonly RawStatement _map, _decision, _offer, _contact, _response;

    // Map versions this connection committed: each is stored once and kept by a purge, so a
    // later batch of the same version need not write it again.
    private readonly HashSet<string> _maps = new(StringComparer.Ordinal);

    public BatchWriter(RawConnection connection)
    {
        _connection = connection;
        // The store checkpoints beside this connection (SqliteHistory.Checkpoint).
        connection.Execute("PRAGMA wal_autocheckpoint=0");

        _begin = new RawStatement(connection, "BEGIN IMMEDIATE");
        _commit = new RawStatement(connection, "COMMIT");
        _rollback = new RawStatement(connection, "ROLLBACK");
        _map = Insert("map_versions");
        _decision = Insert("decisions");
        _offer = Insert("offers");
        _contact = Insert("contacts");
        _response = Insert("responses");
    }

    /// <summary>Writes <paramref name="batch"/> in one transaction; returns about how many bytes it added to the log.</summary>
    public long Write(HistoryBatch batch)
    {
        List<string>? newMaps = null;
        long bytes = (long)batch.Count * RowBytes;
        Span<char> at = stackalloc char[HistoryTime.Length];
        _begin.Execute();
        try
        {
            foreach (var first in SqlHistory.FirstOfEachMap(batch.Decisions))
            {
                if (_maps.Contains(first.MapHash!))
                {
                    continue;
                }

                _map.Bind(1, first.MapHash);
                _map.Bind(2, first.Map);
                _map.Bind(3, first.Version);
                _map.Bind(4, Time(first.At, at));
                _map.Execute();
                (newMaps ??= []).Add(first.MapHash!);
            }

            foreach (var d in batch.Decisions)
            {
                _decision.Bind(1, HistoryKeys.Of(d));
                _decision.Bind(2, d.Role);
                _decision.Bind(3, d.CustomerId);
                _decision.Bind(4, Time(d.At, at));
                _decision.Bind(5, d.Map);
                _decision.Bind(6, d.Version);
                _decision.Bind(7, d.MapHash);
                if (d.Utf8Line is { } utf8)
                {
                    // The line as the decision wrote it: no string made of it, no conversion in SQLite.
                    _decision.BindUtf8(8, utf8.Span);
                    bytes += utf8.Length;
                }
                else
                {
                    _decision.Bind(8, d.Line);
                    bytes += d.Line.Length;
                }

                _decision.Bind(9, d.Snapshot);
                _decision.Execute();
                bytes += d.Snapshot?.Length ?? 0;
            }

            foreach (var o in batch.Offers)
            {
                _offer.Bind(1, HistoryKeys.Of(o));
                _offer.Bind(2, o.Role);
                _offer.Bind(3, o.CustomerId);
                _offer.Bind(4, Time(o.At, at));
                _offer.Bind(5, o.Map);
                _offer.Bind(6, o.Version);
                _offer.Bind(7, o.MapHash);
                _offer.Bind(8, o.Rank);
                _offer.Bind(9, o.Strategy);
                _offer.Bind(10, o.Product);
                _offer.Bind(11, o.Channel);
                _offer.Bind(12, o.Wave);
                _offer.Bind(13, o.Score);
                _offer.Bind(14, o.Propensity);
                _offer.Bind(15, o.Group);
                _offer.Bind(16, o.Predictors);
                _offer.Execute();
                bytes += o.Predictors?.Length ?? 0;
            }

            foreach (var c in batch.Contacts)
            {
                _contact.Bind(1, HistoryKeys.Of(c));
                _contact.Bind(2, c.CustomerId);
                _contact.Bind(3, Time(c.At, at));
                _contact.Bind(4, c.Channel);
                _contact.Bind(5, c.Strategy);
                _contact.Bind(6, c.Product);
                _contact.Bind(7, c.Wave);
                _contact.Bind(8, c.Outcome);
                _contact.Execute();
            }

            foreach (var r in batch.Responses)
            {
                _response.Bind(1, HistoryKeys.Of(r));
                _response.Bind(2, r.CustomerId);
                _response.Bind(3, Time(r.At, at));
                _response.Bind(4, r.Strategy);
                _response.Bind(5, r.Product);
                _response.Bind(6, r.Kind);
                _response.Bind(7, r.Value);
                _response.Execute();
            }

            _commit.Execute();
        }
        catch
        {
            Rollback();
            throw;
        }

        if (newMaps is not null)
        {
            _maps.UnionWith(newMaps);
        }

        return bytes;
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _begin, _commit, _rollback, _map, _decision, _offer, _contact, _response })
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    private void Rollback()
    {
        try
        {
            _rollback.Execute();
        }
        catch (SqliteException)
        {
            // No transaction left to roll back (SQLite rolled it back itself); the writer is disposed next.
        }
    }

    private static ReadOnlySpan<char> Time(DateTime value, Span<char> text)
    {
        HistoryTime.Format(value, text);
        return text;
    }

    // INSERT ... ON CONFLICT DO NOTHING with ?1..?N for SqlHistory's columns of the table.
    private RawStatement Insert(string table)
    {
        var columns = SqlHistory.Columns(table);
        return new RawStatement(_connection,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}) ON CONFLICT DO NOTHING");
    }
}
