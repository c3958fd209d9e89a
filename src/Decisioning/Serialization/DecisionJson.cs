using Decisioning.Runtime;
using System.Collections.Frozen;
using System.Text.Json;
using Decisioning.Snapshots;
using Decisioning.Evaluation;

namespace Decisioning.Serialization;

/// <summary>
/// Writes decisions and error records as the one-line JSON of spec section 4, names and key
/// order as written there. Numbers are written in their shortest round-trip form, never rounded.
/// </summary>
public static class DecisionJson
{
    /// <summary>The writer options of every line: compact, non-ASCII text written as is.</summary>
    public static readonly JsonWriterOptions WriterOptions = JsonConventions.LineWriter;

    // Property names and fixed values, encoded once with the writer's own encoder.
    private static readonly FrozenDictionary<string, JsonEncodedText> Codes =
        ReasonCodes.All.Append(TraceEntry.Selected).Append(TraceEntry.Rejected).Append(ReasonCodes.Control).Append(ReasonCodes.NoStrategies)
            .ToDictionary(c => c, Encode, StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal);

    internal static JsonEncodedText Encode(string text) => JsonConventions.Encode(text);

    private static class Names
    {
        public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
        public static readonly JsonEncodedText Map = JsonEncodedText.Encode("map");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
        public static readonly JsonEncodedText Tier = JsonEncodedText.Encode("tier");
        public static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        public static readonly JsonEncodedText Segments = JsonEncodedText.Encode("segments");
        public static readonly JsonEncodedText Experiment = JsonEncodedText.Encode("experiment");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
        public static readonly JsonEncodedText Bucket = JsonEncodedText.Encode("bucket");
        public static readonly JsonEncodedText Control = JsonEncodedText.Encode("control");
        public static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
        public static readonly JsonEncodedText Counterfactual = JsonEncodedText.Encode("counterfactual");
        public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("trace");
        public static readonly JsonEncodedText Strategy = JsonEncodedText.Encode("strategy");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
        public static readonly JsonEncodedText Evidence = JsonEncodedText.Encode("evidence");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText Rank = JsonEncodedText.Encode("rank");
        public static readonly JsonEncodedText Objective = JsonEncodedText.Encode("objective");
        public static readonly JsonEncodedText Scenario = JsonEncodedText.Encode("scenario");
        public static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
        public static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
        public static readonly JsonEncodedText Script = JsonEncodedText.Encode("script");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText Propensity = JsonEncodedText.Encode("propensity");
        public static readonly JsonEncodedText Wave = JsonEncodedText.Encode("wave");
        public static readonly JsonEncodedText Fallback = JsonEncodedText.Encode("fallback");
        public static readonly JsonEncodedText MapHash = JsonEncodedText.Encode("mapHash");
        public static readonly JsonEncodedText NoAction = JsonEncodedText.Encode("noAction");
        public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    }

    /// <summary>A time as a decision writes it: UTC ISO-8601 with a <c>Z</c>, whole seconds when whole, else up to seven fractional digits.</summary>
    public static string FormatInstant(DateTime at) => Instant.Format(at);

    /// <summary>Writes <paramref name="d"/> as its decision line's object.</summary>
    public static void Write(Utf8JsonWriter w, Decision d) => WriteDecision(w, new RecordView(d));

    /// <summary>
    /// The decision in <paramref name="buffer"/>, byte for byte what <see cref="Write(Utf8JsonWriter, Decision)"/>
    /// writes for <see cref="DecisionBuffer.ToDecision"/>, without building that copy: only the
    /// scripts of the written actions are rendered.
    /// </summary>
    public static void Write(Utf8JsonWriter w, DecisionBuffer buffer) => WriteDecision(w, new BufferView(buffer));

    // One writer for both sources, so that a decision and its buffer cannot be written differently.
    private static void WriteDecision<TView>(Utf8JsonWriter w, TView d)
        where TView : struct, IDecisionView
    {
        w.WriteStartObject();
        w.WriteString(Names.CustomerId, d.CustomerId);
        var texts = d.Plan is { } plan ? LineTexts.Of(plan) : null;
        if (texts is not null)
        {
            // The plan's own texts, encoded once; the time once per run (every line of a run has it).
            w.WriteString(Names.Map, texts.Map);
            w.WriteString(Names.Version, texts.Version);
            w.WriteString(Names.At, texts.At(d.At));
        }
        else
        {
            w.WriteString(Names.Map, d.Map);
            w.WriteString(Names.Version, d.Version);
            Span<char> at = stackalloc char[32];
            w.WriteString(Names.At, at[..Instant.Format(d.At, at)]);
        }

        WriteNullable(w, Names.Tier, d.Tier);
        WriteNullable(w, Names.Stage, d.Stage);
        w.WriteStartArray(Names.Segments);
        for (var i = 0; i < d.SegmentCount; i++)
        {
            w.WriteStringValue(d.Segment(i));
        }

        w.WriteEndArray();
        if (d.HasExperiment)
        {
            w.WriteStartObject(Names.Experiment);
            w.WriteString(Names.Id, d.ExperimentId);
            w.WriteString(Names.Group, d.Group);
            w.WriteNumber(Names.Bucket, d.Bucket);
            w.WriteNumber(Names.Control, d.Control);
            w.WriteEndObject();
        }

        WriteActions(w, Names.Actions, d, counterfactual: false);
        if (d.HasCounterfactual)
        {
            WriteActions(w, Names.Counterfactual, d, counterfactual: true);
        }

        w.WriteStartArray(Names.Trace);
        for (var i = 0; i < d.TraceCount; i++)
        {
            if (texts is not null && d.IsPlainTrace(i, out var reason))
            {
                // Most entries are a strategy, its outcome and a reason code: written once per plan
                // by WriteTraceEntry below and copied from then on.
                w.WriteRawValue(texts.TraceEntry(i, reason, d), skipInputValidation: true);
            }
            else
            {
                WriteTraceEntry(w, d.Trace(i));
            }
        }

        w.WriteEndArray();

        // Additions of part two, after section 4's members: the map's content hash, and why there
        // is no action when there is none.
        if (texts is not null)
        {
            w.WriteString(Names.MapHash, texts.MapHash);
        }
        else
        {
            w.WriteString(Names.MapHash, d.MapHash);
        }

        if (d.NoAction is { } noAction)
        {
            WriteKnown(w, Names.NoAction, noAction);
        }

        w.WriteEndObject();
    }

    /// <summary>One entry of a decision's <c>trace</c>.</summary>
    internal static void WriteTraceEntry(Utf8JsonWriter w, in TraceLine t)
    {
        w.WriteStartObject();
        if (t.EncodedStrategy is { } strategy)
        {
            w.WriteString(Names.Strategy, strategy);
        }
        else
        {
            w.WriteString(Names.Strategy, t.Strategy);
        }

        WriteKnown(w, Names.Outcome, t.Outcome);
        if (t.Reason is not null)
        {
            WriteKnown(w, Names.Reason, t.Reason);
        }

        if (t.Rule is not null)
        {
            // The suppression rule behind `suppressed`, or the host rule behind a `policy` rejection.
            w.WriteString(Names.Rule, t.Rule);
        }

        if (t.Message is not null)
        {
            // The vetoing rule's own words, and (below) its error when it could not be evaluated.
            w.WriteString(Names.Message, t.Message);
        }

        if (t.Error is not null)
        {
            w.WriteString(Names.Error, t.Error);
        }

        if (t.Wave is { } wave)
        {
            // A rejected follow-up: the wave that was due.
            w.WriteNumber(Names.Wave, wave);
        }

        if (t.Model is not null)
        {
            // An addition to spec section 4: the adaptive model and its evidence (docs/adaptive.md).
            w.WriteString(Names.Model, t.Model);
            w.WriteNumber(Names.Evidence, t.Evidence ?? 0);
            if (t.State is not null)
            {
                // The version of a state a host learned online (docs/adaptive.md).
                w.WriteString(Names.State, t.State);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Writes <paramref name="error"/> as its error record: <c>{"customerId", "error": {"code", "message"}}</c>.</summary>
    public static void Write(Utf8JsonWriter w, SnapshotError error)
    {
        w.WriteStartObject();
        WriteNullable(w, Names.CustomerId, error.CustomerId);
        w.WriteStartObject(Names.Error);
        w.WriteString(Names.Code, error.Code);
        w.WriteString(Names.Message, error.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The decision line of <paramref name="decision"/>.</summary>
    public static string ToJson(Decision decision) => Serialize(w => Write(w, decision));

    /// <summary>The error record of <paramref name="error"/>.</summary>
    public static string ToJson(SnapshotError error) => Serialize(w => Write(w, error));

    /// <summary>The decision line of the decision in <paramref name="buffer"/>, byte for byte what the same decision as a record writes.</summary>
    public static string ToJson(DecisionBuffer buffer) => Serialize(w => Write(w, buffer));

    /// <summary>The decision line of <paramref name="decision"/> in UTF-8 (the history stores these bytes as they are).</summary>
    internal static byte[] ToUtf8(Decision decision) => SerializeUtf8(w => Write(w, decision));

    /// <summary>The decision line of the decision in <paramref name="buffer"/> in UTF-8.</summary>
    internal static byte[] ToUtf8(DecisionBuffer buffer) => SerializeUtf8(w => Write(w, buffer));

    private static string Serialize(Action<Utf8JsonWriter> write) => LineScratch.Write(write, static bytes => System.Text.Encoding.UTF8.GetString(bytes));

    private static byte[] SerializeUtf8(Action<Utf8JsonWriter> write) => LineScratch.Write(write, static bytes => bytes.ToArray());

    /// <summary>
    /// A thread's buffer and writer for one line at a time, reused: a decision line (about 3 KB
    /// with its trace) written into a fresh buffer grew it twice and left the writer and three
    /// zeroed arrays behind for every decision the history's writer stored (a profile of the
    /// engine with a history put a tenth of that thread in zeroing them). A line is copied out
    /// exactly once, into what the caller keeps.
    /// </summary>
    private sealed class LineScratch
    {
        // A buffer grown past this by a line of long scripts is dropped after it, not kept by the thread.
        private const int KeptCapacity = 64 * 1024;

        [ThreadStatic]
        private static LineScratch? t_current;

        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _writer;

        private LineScratch() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

        public static T Write<T>(Action<Utf8JsonWriter> write, Func<ReadOnlySpan<byte>, T> copy)
        {
            // Taken off the thread while in use, so that a line written while writing another gets a scratch of its own.
            var scratch = t_current ?? new LineScratch();
            t_current = null;
            scratch._buffer.ResetWrittenCount();
            scratch._writer.Reset(scratch._buffer);
            write(scratch._writer);
            scratch._writer.Flush();
            var result = copy(scratch._buffer.WrittenSpan);
            if (scratch._buffer.Capacity <= KeptCapacity)
            {
                t_current = scratch;
            }

            return result;
        }
    }

    private static void WriteActions<TView>(Utf8JsonWriter w, JsonEncodedText name, TView d, bool counterfactual)
        where TView : struct, IDecisionView
    {
        w.WriteStartArray(name);
        var count = counterfactual ? d.CounterfactualCount : d.ActionCount;
        for (var i = 0; i < count; i++)
        {
            var a = d.Action(counterfactual, i);
            w.WriteStartObject();
            w.WriteNumber(Names.Rank, a.Rank);
            w.WriteString(Names.Strategy, a.Strategy);
            WriteNullable(w, Names.Objective, a.Objective);
            WriteNullable(w, Names.Scenario, a.Scenario);
            w.WriteString(Names.Product, a.Product);
            w.WriteString(Names.Channel, a.Channel);
            WriteNullable(w, Names.Script, a.Script);
            w.WriteNumber(Names.Score, a.Score);
            w.WriteNumber(Names.Propensity, a.Propensity);
            if (a.Wave is { } wave)
            {
                w.WriteNumber(Names.Wave, wave);
            }

            if (a.Fallback is { } fallback)
            {
                w.WriteBoolean(Names.Fallback, fallback);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // An outcome or a reason code: one of a few fixed texts, written pre-encoded (a decision line
    // has one per strategy, and transcoding them showed in the stream's profile).
    private static void WriteKnown(Utf8JsonWriter w, JsonEncodedText name, string value)
    {
        if (Codes.TryGetValue(value, out var encoded))
        {
            w.WriteString(name, encoded);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
