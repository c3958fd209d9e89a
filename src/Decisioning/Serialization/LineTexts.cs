using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Evaluation;

namespace Decisioning.Serialization;

/// <summary>
/// What every decision line of a plan repeats, encoded once: the map's id, version and hash, the
/// decision time of the run, and each strategy's trace entries as <see cref="DecisionJson"/>
/// writes them (a line has one per strategy, most of them a strategy id, an outcome and a reason
/// code). Shared by all threads: the entries are added copy-on-write, so a reader never locks.
/// </summary>
internal sealed class LineTexts
{
    // Distinct entries kept per strategy: its outcomes and reasons are a few fixed codes; past
    // this (a host's own policy reasons, say) the rest are written as usual.
    private const int MaxEntries = 24;

    private static readonly ConditionalWeakTable<DecisionPlan, LineTexts> Tables = [];

    private readonly Entry[][] _trace;
    private Instant _at = new(default, DecisionJson.Encode(DecisionJson.FormatInstant(default)));

    private LineTexts(DecisionPlan plan)
    {
        Map = DecisionJson.Encode(plan.MapId);
        Version = DecisionJson.Encode(plan.Version);
        MapHash = DecisionJson.Encode(plan.MapHash);
        _trace = [.. plan.Strategies.Select(_ => Array.Empty<Entry>())];
    }

    /// <summary>The map's id.</summary>
    public JsonEncodedText Map { get; }

    /// <summary>The map's version.</summary>
    public JsonEncodedText Version { get; }

    /// <summary>The map's content hash.</summary>
    public JsonEncodedText MapHash { get; }

    /// <summary>The texts of <paramref name="plan"/>.</summary>
    public static LineTexts Of(DecisionPlan plan) => Tables.GetValue(plan, static p => new LineTexts(p));

    /// <summary><paramref name="at"/> as a decision writes it; the last one asked for is kept.</summary>
    public JsonEncodedText At(DateTime at)
    {
        var last = _at;
        if (last.At == at && last.At.Kind == at.Kind)
        {
            return last.Text;
        }

        var text = DecisionJson.Encode(DecisionJson.FormatInstant(at));
        _at = new Instant(at, text);
        return text;
    }

    /// <summary>
    /// The plain trace entry of strategy <paramref name="index"/> rejected for <paramref name="reason"/>
    /// (null: selected) in <paramref name="view"/>, written as JSON: the outcome follows from the reason.
    /// </summary>
    public ReadOnlySpan<byte> TraceEntry<TView>(int index, string? reason, in TView view)
        where TView : struct, IDecisionView
    {
        var entries = Volatile.Read(ref _trace[index]);
        foreach (var e in entries)
        {
            if (string.Equals(e.Reason, reason, StringComparison.Ordinal))
            {
                return e.Json;
            }
        }

        var written = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(written, DecisionJson.WriterOptions))
        {
            DecisionJson.WriteTraceEntry(w, view.Trace(index));
        }

        var json = written.WrittenSpan.ToArray();
        if (entries.Length < MaxEntries)
        {
            // Two threads adding at once may lose one of the two entries: it is written again later.
            Volatile.Write(ref _trace[index], [.. entries, new Entry(reason, json)]);
        }

        return json;
    }

    private sealed record Entry(string? Reason, byte[] Json);

    private sealed record Instant(DateTime At, JsonEncodedText Text);
}
