using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.Snapshots;
using Decisioning.History;
using Decisioning.Serialization;

namespace Decisioning.Recording;

/// <summary>One stored decision to replay: its line, and the snapshot it was decided on (null when none was kept).</summary>
internal sealed record ReplayInput(string Line, string? Snapshot);

/// <summary>
/// What replaying one decision found: <c>identical</c>, <c>different</c> (with the first
/// difference: its JSON path and both values) or <c>map-missing</c>, and nothing else. A decision
/// stored without its snapshot cannot be decided again: it is <c>different</c> at path
/// <c>snapshot</c>, with a <see cref="Reason"/> saying so.
/// </summary>
internal sealed record ReplayResult(string? CustomerId, string? At, string? MapHash, string Status, string? Path = null, string? Stored = null, string? Replayed = null,
    string? Reason = null)
{
    public const string Identical = "identical";
    public const string Different = "different";
    public const string MapMissing = "map-missing";

    /// <summary>The <see cref="Path"/> of a decision stored without its snapshot.</summary>
    public const string SnapshotPath = "snapshot";

    /// <summary>The statuses, in the order a summary lists them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [Identical, Different, MapMissing];
}

/// <summary>
/// <c>replay</c>: each stored decision decided again with the map version of the same hash, on
/// the snapshot it was decided on and at its own <c>at</c>, and compared with what was stored. A
/// kept snapshot already holds the history as it stood then (the records merged into it), so a
/// replay reads no history. A <c>shadow</c> part of a stored line is not compared: it is another map's.
/// </summary>
internal static class DecisionReplay
{
    /// <summary>Replays one decision.</summary>
    public static ReplayResult Replay(ReplayInput input, MapCatalog maps)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(maps);
        if (Parse(input.Line) is not { } stored)
        {
            // Not a line the engine wrote (bad JSON, not an object, a key twice): its map version cannot be known.
            return new ReplayResult(null, null, null, ReplayResult.MapMissing, Reason: "the line is not a decision: not one JSON object with each key once");
        }

        var (customer, at, hash) = (Text(stored, "customerId"), Text(stored, "at"), Text(stored, "mapHash"));
        if (maps.Find(hash) is not { } found || at is null || !Model.Syntax.TryParseInstant(at, out var when))
        {
            return new ReplayResult(customer, at, hash, ReplayResult.MapMissing);
        }

        // Decided with a state a host learned online: the map version is that map with that state.
        var plan = StateVersion(stored) is { } state ? maps.WithState(found, state) : found;
        if (plan is null)
        {
            return new ReplayResult(customer, at, hash, ReplayResult.MapMissing, Reason: $"no adaptive state of version {StateVersion(stored)} was found");
        }

        if (input.Snapshot is null)
        {
            return new ReplayResult(customer, at, hash, ReplayResult.Different, ReplayResult.SnapshotPath,
                Reason: "no snapshot was stored with this decision (evaluate --keep-snapshots), so it cannot be decided again");
        }

        var (record, error) = new SnapshotReader(plan).Read(input.Snapshot);
        var line = error is not null ? DecisionJson.ToJson(error) : DecisionJson.ToJson(maps.EvaluatorFor(plan).Decide(record!, when));
        stored.Remove("shadow");
        var difference = FirstDifference(stored, JsonNode.Parse(line), "");
        return difference is null
            ? new ReplayResult(customer, at, hash, ReplayResult.Identical)
            : new ReplayResult(customer, at, hash, ReplayResult.Different, difference.Value.Path, difference.Value.Stored, difference.Value.Replayed);
    }

    /// <summary>Writes a result as one JSON line.</summary>
    public static string ToJson(ReplayResult result) => JsonSerializer.Serialize(result, ReplayJson.Default.ReplayResult);

    // Depth first, in the stored line's key order: the first path whose values differ.
    private static (string Path, string? Stored, string? Replayed)? FirstDifference(JsonNode? stored, JsonNode? replayed, string path)
    {
        switch (stored, replayed)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Concat(b.Select(p => p.Key).Where(k => !a.ContainsKey(k))))
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!a.ContainsKey(key) || !b.ContainsKey(key))
                    {
                        return (child, a[key]?.ToJsonString(), b[key]?.ToJsonString());
                    }

                    if (FirstDifference(a[key], b[key], child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    var child = $"{path}[{i}]";
                    if (i >= a.Count || i >= b.Count)
                    {
                        return (child, i < a.Count ? a[i]?.ToJsonString() : null, i < b.Count ? b[i]?.ToJsonString() : null);
                    }

                    if (FirstDifference(a[i], b[i], child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                var (left, right) = (stored?.ToJsonString(), replayed?.ToJsonString());
                return left == right ? null : (path, left, right);
        }
    }

    // The learned state the trace names (every adaptive line of one decision names the same).
    private static string? StateVersion(JsonObject stored) =>
        stored["trace"] is JsonArray trace
            ? trace.OfType<JsonObject>().Select(t => Text(t, "state")).FirstOrDefault(v => v is not null)
            : null;

    private static JsonObject? Parse(string line)
    {
        try
        {
            // A key given twice, or a string that is not text (an escaped lone UTF-16 surrogate), would
            // throw only when that part is first read (by Text or FirstDifference): refused here instead.
            var node = JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
            _ = node?.ToJsonString();
            return node;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReplayResult))]
internal sealed partial class ReplayJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
