using System.Text.Json;
using System.Text.Json.Serialization;
using Decisioning.Evaluation;
using Decisioning.Snapshots;

namespace Decisioning.Diffing;

/// <summary>
/// <c>diff --decisions</c>: compares decisions already made, read from decision files, with the
/// same rules as a diff of two maps (<see cref="DecisionDiff"/>). Two files are paired line by line
/// (the same customers file evaluated twice); one file with <c>shadow</c> fields (a shadow log:
/// <c>evaluate MAP --shadow MAP2</c>, or a host's shadow observer) compares each line's served
/// actions with its shadow's. Lines that are not decisions are counted and skipped.
/// </summary>
public sealed class DecisionLogDiff
{
    /// <summary>Lines of either input that were not decision or error lines (blank lines are ignored).</summary>
    public long BadLines { get; private set; }

    /// <summary>
    /// The sides' map and version and the decision time, from the first decision of each input
    /// (the first shadow field for a shadow log, when <paramref name="newLines"/> is null): a
    /// report's header, known before the comparison streams. Reads only up to those lines.
    /// </summary>
    internal static ((string Map, string Version, string MapHash)? Old, (string Map, string Version, string MapHash)? New, DateTime? At) Header(
        IEnumerable<string> oldLines, IEnumerable<string>? newLines)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        if (newLines is null)
        {
            foreach (var text in oldLines)
            {
                if (!string.IsNullOrWhiteSpace(text) && TryShadowLine(text, out var served, out _, out var shadow, out var shadowError) && served is not null)
                {
                    var shadowSide = shadow is not null ? (shadow.Map, shadow.Version, shadow.MapHash) : ShadowNames(text);
                    return ((served.Map, served.Version, served.MapHash), shadowSide, served.At);
                }
            }

            return (null, null, null);
        }

        var old = First(oldLines);
        var @new = First(newLines);
        return (old is null ? null : (old.Map, old.Version, old.MapHash), @new is null ? null : (@new.Map, @new.Version, @new.MapHash), old?.At ?? @new?.At);
    }

    /// <summary>Compares each line's served actions with its shadow's; <paramref name="changed"/> gets each changed customer in order.</summary>
    public DiffSummary RunShadowLog(IEnumerable<string> lines, Action<CustomerDiff> changed)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var summary = new DiffSummary();
        long line = -1;
        foreach (var text in lines)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!TryShadowLine(text, out var served, out var servedError, out var shadow, out var shadowError))
            {
                BadLines++;
                continue;
            }

            // The shadow decides only what the served map decided: a served error line counts as
            // invalid on both sides, which is no change.
            Report(summary, changed, line, served, servedError, shadow, shadowError ?? servedError);
        }

        return summary;
    }

    /// <summary>
    /// Compares two decision files line by line; <paramref name="changed"/> gets each changed
    /// customer in order. Lines are paired by position; a pair whose customer ids differ throws.
    /// </summary>
    /// <exception cref="InvalidDataException">The files hold other customers or another number of lines.</exception>
    public DiffSummary RunFiles(IEnumerable<string> oldLines, IEnumerable<string> newLines, Action<CustomerDiff> changed)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);
        var summary = new DiffSummary();
        using var olds = oldLines.GetEnumerator();
        using var news = newLines.GetEnumerator();
        long line = -1;
        while (true)
        {
            var hasOld = olds.MoveNext();
            var hasNew = news.MoveNext();
            if (!hasOld || !hasNew)
            {
                if (hasOld || hasNew)
                {
                    throw new InvalidDataException($"the decision files have different lengths: line {line + 2} is only in the {(hasOld ? "old" : "new")} file");
                }

                return summary;
            }

            line++;
            if (string.IsNullOrWhiteSpace(olds.Current) && string.IsNullOrWhiteSpace(news.Current))
            {
                continue;
            }

            var oldOk = TryLine(olds.Current, out var old, out var oldError);
            var newOk = TryLine(news.Current, out var @new, out var newError);
            if (!oldOk || !newOk)
            {
                BadLines += (oldOk ? 0 : 1) + (newOk ? 0 : 1);
                continue;
            }

            var oldId = old?.CustomerId ?? oldError?.CustomerId;
            var newId = @new?.CustomerId ?? newError?.CustomerId;
            if (oldId != newId)
            {
                throw new InvalidDataException(
                    $"line {line + 1} is customer '{oldId}' in the old file and '{newId}' in the new one: decision files are compared line by line, for the same customers file");
            }

            Report(summary, changed, line, old, oldError, @new, newError);
        }
    }

    private static void Report(DiffSummary summary, Action<CustomerDiff> changed, long line, Decision? old, SnapshotError? oldError,
        Decision? @new, SnapshotError? newError)
    {
        var id = old?.CustomerId ?? @new?.CustomerId ?? oldError?.CustomerId ?? newError?.CustomerId;
        var diff = new CustomerDiff(line, id, DecisionDiff.Compare(old, oldError, @new, newError), old, @new, oldError, newError);
        summary.Add(diff);
        if (diff.Changed)
        {
            changed(diff);
        }
    }

    private static Decision? First(IEnumerable<string> lines)
    {
        foreach (var text in lines)
        {
            if (!string.IsNullOrWhiteSpace(text) && TryLine(text, out var decision, out _) && decision is not null)
            {
                return decision;
            }
        }

        return null;
    }

    // The map and version a shadow field names when it holds an error instead of actions.
    private static (string, string, string)? ShadowNames(string text)
    {
        using var document = JsonDocument.Parse(text);
        var field = document.RootElement.GetProperty("shadow");
        return field.TryGetProperty("map", out var map) && field.TryGetProperty("version", out var version)
            ? (map.GetString() ?? "", version.GetString() ?? "", Text(field, "mapHash") ?? "")
            : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A decision line or an error line of spec section 4.
    private static bool TryLine(string text, out Decision? decision, out SnapshotError? error)
    {
        decision = null;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return TryRead(document.RootElement, out decision, out error);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryRead(JsonElement root, out Decision? decision, out SnapshotError? error)
    {
        decision = null;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (root.TryGetProperty("error", out var problem))
        {
            error = ReadError(root.TryGetProperty("customerId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null, problem);
            return error is not null;
        }

        try
        {
            decision = root.Deserialize(DecisionLogJsonContext.Default.Decision);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }

        // A line missing what a decision must have is not one.
        return decision is { CustomerId: not null, Map: not null, Version: not null, Actions: not null };
    }

    private static SnapshotError? ReadError(string? customerId, JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object &&
        problem.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? new SnapshotError(customerId, code.GetString()!,
                problem.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString()! : "")
            : null;

    // A line of a shadow log: the served decision (or its error line) and its shadow field.
    private static bool TryShadowLine(string text, out Decision? served, out SnapshotError? servedError,
        out Decision? shadow, out SnapshotError? shadowError)
    {
        shadow = null;
        shadowError = null;
        served = null;
        servedError = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!TryRead(root, out served, out servedError))
            {
                return false;
            }

            if (served is null)
            {
                return true;
            }

            if (!root.TryGetProperty("shadow", out var field) || field.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var map = Text(field, "map") ?? served.Map;
            var version = Text(field, "version") ?? "";
            if (field.TryGetProperty("error", out var problem))
            {
                shadowError = ReadError(served.CustomerId, problem);
                return shadowError is not null;
            }

            if (!field.TryGetProperty("actions", out var actions) ||
                actions.Deserialize(DecisionLogJsonContext.Default.IReadOnlyListDecisionAction) is not { } list)
            {
                return false;
            }

            // A shadow field carries no experiment: the shadow is compared in the served decision's
            // group, so groups are never a change in a shadow log.
            shadow = served with
            {
                Map = map, Version = version, MapHash = Text(field, "mapHash") ?? "", Actions = list, Counterfactual = null, Trace = [],
                NoAction = null,
            };
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>Reads decision lines as the engine writes them (camel case, enums as strings), generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Decision))]
internal sealed partial class DecisionLogJsonContext : JsonSerializerContext;
