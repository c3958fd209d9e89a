using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Diffing;

/// <summary>
/// <c>diff --format json</c>: one JSON document, streamed. <c>changed</c> lists each customer whose
/// decision changes, in input order, with the changes and both sides' actions; <c>summary</c>
/// comes last (docs/diff.md).
/// </summary>
internal sealed class DiffJsonWriter : IDisposable
{
    private readonly Utf8JsonWriter _w;

    public DiffJsonWriter(Stream output, DecisionPlan old, DecisionPlan @new, DateTime at)
        : this(output, (old.MapId, old.Version, old.MapHash), (@new.MapId, @new.Version, @new.MapHash), at)
    {
    }

    /// <summary>
    /// A diff of decision files (<see cref="DecisionLogDiff"/>): the sides' map and version and the
    /// decision time as the first decisions state them; null when a file held none.
    /// </summary>
    public DiffJsonWriter(Stream output, (string Map, string Version, string MapHash)? old, (string Map, string Version, string MapHash)? @new, DateTime? at)
    {
        _w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = DecisionJson.WriterOptions.Encoder, Indented = false });
        _w.WriteStartObject();
        Map("old", old);
        Map("new", @new);
        Nullable("at", at is { } time ? DecisionJson.FormatInstant(time) : null);
        _w.WriteStartArray("changed");
    }

    public void Write(CustomerDiff diff)
    {
        _w.WriteStartObject();
        Nullable("customerId", diff.CustomerId);
        _w.WriteNumber("line", diff.Line + 1);
        _w.WriteStartArray("changes");
        foreach (var change in diff.Changes)
        {
            Change(change);
        }

        _w.WriteEndArray();
        Side("old", diff.Old, diff.OldError);
        Side("new", diff.New, diff.NewError);
        _w.WriteEndObject();
        if (_w.BytesPending > 1 << 16)
        {
            _w.Flush();
        }
    }

    /// <summary>
    /// Ends the document when the run fails part-way: <c>"error"</c> in place of <c>"summary"</c>, so
    /// that standard output still holds one whole JSON document beside the command's exit 1.
    /// </summary>
    public void Abandon(string error)
    {
        _w.WriteEndArray();
        _w.WriteString("error", error);
        _w.WriteEndObject();
        _w.Flush();
    }

    public void Finish(DiffSummary summary)
    {
        _w.WriteEndArray();
        _w.WriteStartObject("summary");
        _w.WriteNumber("customers", summary.Customers);
        _w.WriteNumber("changed", summary.Changed);
        _w.WriteNumber("unchanged", summary.Customers - summary.Changed);
        _w.WriteStartObject("errors");
        _w.WriteNumber("old", summary.OldErrors);
        _w.WriteNumber("new", summary.NewErrors);
        _w.WriteEndObject();
        _w.WriteStartObject("changes");
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            _w.WriteNumber(ActionChange.Name(kind), summary.Count(kind));
        }

        _w.WriteEndObject();
        _w.WriteStartArray("moves");
        foreach (var (from, to, count) in summary.Moves)
        {
            _w.WriteStartObject();
            Slot("from", from);
            Slot("to", to);
            _w.WriteNumber("count", count);
            _w.WriteEndObject();
        }

        _w.WriteEndArray();
        Counts("channels", "channel", summary.Channels);
        Counts("strategies", "strategy", summary.Strategies);
        _w.WriteEndObject();
        _w.WriteEndObject();
        _w.Flush();
    }

    public void Dispose() => _w.Dispose();

    private void Map(string name, (string Map, string Version, string MapHash)? side)
    {
        if (side is not { } known)
        {
            _w.WriteNull(name);
            return;
        }

        _w.WriteStartObject(name);
        _w.WriteString("map", known.Map);
        _w.WriteString("version", known.Version);
        Nullable("mapHash", string.IsNullOrEmpty(known.MapHash) ? null : known.MapHash);
        _w.WriteEndObject();
    }

    private void Change(ActionChange c)
    {
        _w.WriteStartObject();
        _w.WriteString("change", ActionChange.Name(c.Kind));
        switch (c.Kind)
        {
            case ChangeKind.Added or ChangeKind.Removed:
                var action = (c.New ?? c.Old)!;
                _w.WriteString("strategy", action.Strategy);
                _w.WriteNumber("rank", action.Rank);
                _w.WriteString("product", action.Product);
                _w.WriteString("channel", action.Channel);
                break;
            case ChangeKind.Strategy:
                _w.WriteNumber("rank", c.Old!.Rank);
                _w.WriteString("from", c.Old.Strategy);
                _w.WriteString("to", c.New!.Strategy);
                break;
            case ChangeKind.Rank:
                _w.WriteString("strategy", c.Old!.Strategy);
                _w.WriteNumber("from", c.Old.Rank);
                _w.WriteNumber("to", c.New!.Rank);
                break;
            case ChangeKind.Product or ChangeKind.Channel or ChangeKind.Script:
                _w.WriteString("strategy", c.Old!.Strategy);
                Nullable("from", c.Kind == ChangeKind.Product ? c.Old.Product : c.Kind == ChangeKind.Channel ? c.Old.Channel : c.Old.Script);
                Nullable("to", c.Kind == ChangeKind.Product ? c.New!.Product : c.Kind == ChangeKind.Channel ? c.New!.Channel : c.New!.Script);
                break;
            default:
                Nullable("from", c.From);
                Nullable("to", c.To);
                break;
        }

        _w.WriteEndObject();
    }

    private void Side(string name, Decision? decision, SnapshotError? error)
    {
        _w.WriteStartObject(name);
        if (error is not null)
        {
            _w.WriteStartObject("error");
            _w.WriteString("code", error.Code);
            _w.WriteString("message", error.Message);
            _w.WriteEndObject();
        }
        else if (decision is not null)
        {
            Nullable("group", decision.Experiment?.Group);
            _w.WriteStartArray("actions");
            foreach (var a in decision.Actions)
            {
                _w.WriteStartObject();
                _w.WriteNumber("rank", a.Rank);
                _w.WriteString("strategy", a.Strategy);
                _w.WriteString("product", a.Product);
                _w.WriteString("channel", a.Channel);
                _w.WriteNumber("score", a.Score);
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
            if (decision.NoAction is { } noAction)
            {
                _w.WriteString("noAction", noAction);
            }
        }

        _w.WriteEndObject();
    }

    private void Slot(string name, ActionSlot slot)
    {
        if (slot.Strategy is null)
        {
            _w.WriteNull(name);
            return;
        }

        _w.WriteStartObject(name);
        _w.WriteString("strategy", slot.Strategy);
        _w.WriteString("channel", slot.Channel);
        _w.WriteEndObject();
    }

    private void Counts(string name, string key, IReadOnlyList<(string Id, long Old, long New)> rows)
    {
        _w.WriteStartArray(name);
        foreach (var (id, old, @new) in rows)
        {
            _w.WriteStartObject();
            _w.WriteString(key, id);
            _w.WriteNumber("old", old);
            _w.WriteNumber("new", @new);
            _w.WriteNumber("change", @new - old);
            _w.WriteEndObject();
        }

        _w.WriteEndArray();
    }

    private void Nullable(string name, string? value)
    {
        if (value is null)
        {
            _w.WriteNull(name);
        }
        else
        {
            _w.WriteString(name, value);
        }
    }
}
