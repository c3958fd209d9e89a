using Decisioning.History;
namespace Decisioning.Serialization;

/// <summary>What an import read: records stored (new or already there) and lines skipped as bad.</summary>
internal sealed record ImportResult(long Records, long BadLines);

/// <summary>The kinds of JSON-lines file a history imports and exports.</summary>
internal enum HistoryFile
{
    /// <summary>Decision lines (spec section 4), each action an offer.</summary>
    Decisions,

    /// <summary>Contact lines (a snapshot's contact with its <c>customerId</c>).</summary>
    Contacts,

    /// <summary>Outcome lines (spec section 6), stored as responses.</summary>
    Outcomes,
}

/// <summary>
/// JSON-lines files into and out of a history. The export side is how the file-reading commands
/// (<c>report</c>, <c>learn</c>, <c>dashboard</c>) read a history: they get the same lines they
/// would read from files, so a report over a history equals the report over the same files.
/// </summary>
public static class HistoryTransfer
{
    private const int LinesPerBatch = 5000;

    /// <summary>Imports every line of <paramref name="lines"/>, in batches of one transaction each.</summary>
    internal static ImportResult Import(IInteractionHistory history, IEnumerable<string> lines, HistoryFile kind, bool offersAreContacts = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(lines);
        long records = 0, bad = 0;
        var decisions = new List<StoredDecision>();
        var offers = new List<OfferEntry>();
        var contacts = new List<ContactEntry>();
        var responses = new List<ResponseEntry>();
        void Flush()
        {
            var batch = new HistoryBatch([.. decisions], [.. offers], [.. contacts], [.. responses]);
            history.Append(batch);
            records += decisions.Count + (kind == HistoryFile.Decisions ? 0 : batch.Count);
            decisions.Clear();
            offers.Clear();
            contacts.Clear();
            responses.Clear();
        }

        var pending = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var ok = kind switch
            {
                HistoryFile.Decisions => AddDecision(line, decisions, offers, contacts, offersAreContacts),
                HistoryFile.Contacts => HistoryLines.TryReadContact(line, out var contact) && Add(contacts, contact!),
                _ => HistoryLines.TryReadResponse(line, out var response) && Add(responses, response!),
            };
            bad += ok ? 0 : 1;
            if (ok && ++pending == LinesPerBatch)
            {
                Flush();
                pending = 0;
            }
        }

        Flush();
        return new ImportResult(records, bad);
    }

    /// <summary>Writes the decision lines, in the order recorded (served decisions only).</summary>
    public static long ExportDecisions(IInteractionHistory history, TextWriter output, HistoryQuery? query = null) =>
        WriteAll(output, history.Decisions(query ?? HistoryQuery.All).Where(d => d.Role == OfferRoles.Served).Select(d => d.Line));

    /// <summary>Writes the kept snapshots, one a line, in the order their decisions were recorded.</summary>
    public static long ExportSnapshots(IInteractionHistory history, TextWriter output, HistoryQuery? query = null) =>
        WriteAll(output, history.Decisions(query ?? HistoryQuery.All).Where(d => d.Snapshot is not null).Select(d => d.Snapshot!));

    /// <summary>Writes the responses as outcome lines, in the order recorded.</summary>
    public static long ExportOutcomes(IInteractionHistory history, TextWriter output, HistoryQuery? query = null) =>
        WriteAll(output, history.Responses(query ?? HistoryQuery.All).Select(HistoryLines.Write));

    /// <summary>Writes the contacts as contact lines, in the order recorded.</summary>
    public static long ExportContacts(IInteractionHistory history, TextWriter output, HistoryQuery? query = null) =>
        WriteAll(output, history.Contacts(query ?? HistoryQuery.All).Select(HistoryLines.Write));

    /// <summary>Writes the offers (served and shadow) as JSON lines, in the order recorded.</summary>
    public static long ExportOffers(IInteractionHistory history, TextWriter output, HistoryQuery? query = null) =>
        WriteAll(output, history.Offers(query ?? HistoryQuery.All).Select(o => System.Text.Json.JsonSerializer.Serialize(o, HistoryJson.Default.OfferEntry)));

    /// <summary>Writes the map versions decided with as JSON lines: hash, map, version, first decision time.</summary>
    public static long ExportMapVersions(IInteractionHistory history, TextWriter output) =>
        WriteAll(output, history.MapVersions().Select(m => System.Text.Json.JsonSerializer.Serialize(m, HistoryJson.Default.MapVersionEntry)));

    /// <summary>
    /// The decision lines as a UTF-8 stream, for a reader of decision files (a temporary file,
    /// deleted when the stream is disposed: histories are larger than memory).
    /// </summary>
    public static Stream DecisionStream(IInteractionHistory history, HistoryQuery? query = null) =>
        Spool(writer => ExportDecisions(history, writer, query));

    /// <summary>The responses as a UTF-8 stream of outcome lines (see <see cref="DecisionStream"/>).</summary>
    public static Stream OutcomeStream(IInteractionHistory history, HistoryQuery? query = null) =>
        Spool(writer => ExportOutcomes(history, writer, query));

    /// <summary>The kept snapshots as a UTF-8 stream of snapshot lines (see <see cref="DecisionStream"/>).</summary>
    public static Stream SnapshotStream(IInteractionHistory history, HistoryQuery? query = null) =>
        Spool(writer => ExportSnapshots(history, writer, query));

    private static bool AddDecision(string line, List<StoredDecision> decisions, List<OfferEntry> offers, List<ContactEntry> contacts, bool offersAreContacts)
    {
        if (!DecisionLines.TryRead(line, null, OfferRoles.Served, out var decision, out var actions))
        {
            return false;
        }

        decisions.Add(decision!);
        offers.AddRange(actions);
        if (offersAreContacts)
        {
            contacts.AddRange(DecisionLines.AsContacts(actions));
        }

        return true;
    }

    private static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }

    private static long WriteAll(TextWriter output, IEnumerable<string> lines)
    {
        long count = 0;
        foreach (var line in lines)
        {
            output.Write(line);
            output.Write('\n');
            count++;
        }

        output.Flush();
        return count;
    }

    private static FileStream Spool(Action<TextWriter> write)
    {
        var path = Path.GetTempFileName();
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            write(writer);
        }

        stream.Position = 0;
        return stream;
    }
}
