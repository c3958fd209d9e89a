using System.CommandLine;
using System.Text.Json;
using Decisioning.Cli.Infrastructure;
using Decisioning.History;
using Decisioning.Recording;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning replay (--db PATH | --postgres CS | --decisions F --snapshots F) --maps DIR...</c>:
/// decides every stored decision again with the map version of its hash, found under the given
/// folders, and prints one line per decision: <c>identical</c>, <c>different</c> (with the first
/// difference) or <c>map-missing</c>. Exit 0 only when all are identical.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var store = new HistoryStoreOption();
        var decisions = new Option<string?>("--decisions") { Description = "Decision lines to replay (with --snapshots)" };
        var snapshots = new Option<string?>("--snapshots") { Description = "Snapshot lines; a decision is replayed on the line with its customer id" };
        var maps = new Option<string[]>("--maps") { Description = "Folders (or files) holding the map versions, searched below too", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Output file for the result lines (default: stdout)" };
        var command = store.AddTo(new Command("replay", "Decide stored decisions again with their own map version, and compare") { decisions, snapshots, maps, output });
        command.SetAction(parse =>
        {
            var (decisionFile, snapshotFile) = (parse.GetValue(decisions), parse.GetValue(snapshots));
            if (store.Given(parse) == (decisionFile is not null || snapshotFile is not null) || (decisionFile is null) != (snapshotFile is null))
            {
                context.Error.WriteLine("error: give a history (--db or --postgres), or --decisions with --snapshots");
                return 1;
            }

            MapCatalog catalog;
            try
            {
                catalog = new MapCatalog(parse.GetValue(maps)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }

            using var history = decisionFile is null ? store.Open(parse, context) : null;
            if (history is null && decisionFile is null)
            {
                return 1;
            }

            var outPath = parse.GetValue(output);
            using var sink = outPath is null ? null : new StreamWriter(CliIo.CreateFile(outPath), CliIo.Utf8);
            var writer = sink ?? context.Out;
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            try
            {
                foreach (var input in history is not null ? FromHistory(history) : FromFiles(decisionFile!, snapshotFile!))
                {
                    var result = DecisionReplay.Replay(input, catalog);
                    counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
                    writer.WriteLine(DecisionReplay.ToJson(result));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }

            writer.Flush();
            var total = counts.Values.Sum();
            context.Error.WriteLine(CliIo.Invariant($"replayed {total:N0} decisions with {catalog.Count} map versions found: ")
                + string.Join(", ", ReplayResult.Statuses
                    .Select(s => CliIo.Invariant($"{counts.GetValueOrDefault(s):N0} {s}"))));
            return counts.GetValueOrDefault(ReplayResult.Identical) == total ? 0 : 1;
        });
        return command;
    }

    private static IEnumerable<ReplayInput> FromHistory(IInteractionHistory history) =>
        history.Decisions(HistoryQuery.All).Where(d => d.Role == OfferRoles.Served).Select(d => new ReplayInput(d.Line, d.Snapshot));

    // Snapshots by their customerId, the first line of each id (a history's kept snapshots need no
    // matching: each is stored with its decision).
    private static IEnumerable<ReplayInput> FromFiles(string decisions, string snapshots)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in CliIo.Lines(snapshots))
        {
            if (IdOf(line, "customerId") is { } id)
            {
                byId.TryAdd(id, line);
            }
        }

        foreach (var line in CliIo.Lines(decisions))
        {
            if (string.IsNullOrWhiteSpace(line) || line.Contains("\"error\":", StringComparison.Ordinal))
            {
                continue;
            }

            yield return new ReplayInput(line, IdOf(line, "customerId") is { } id ? byId.GetValueOrDefault(id) : null);
        }
    }

    private static string? IdOf(string line, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an id that is not text (an escaped lone UTF-16 surrogate): no id.
            return null;
        }
    }
}
