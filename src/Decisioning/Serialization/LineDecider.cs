using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Snapshots;
using Decisioning.Evaluation;

namespace Decisioning.Serialization;

/// <summary>
/// One JSON line in, one JSON line out: a snapshot read, decided and written, or its error
/// record. Thread-safe: the plan's parts are shared and immutable, and each thread decides into
/// a buffer of its own (<see cref="DecisionBufferPool"/>) and writes with its own JSON writer.
/// </summary>
/// <remarks>An <see cref="IDecisionObserver"/>, when given, prepares each customer and sees each decision.</remarks>
public sealed class LineDecider(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null, IDecisionObserver? observer = null)
{
    private readonly SnapshotReader _reader = new(plan);
    private readonly Evaluator _evaluator = new(plan, policies);

    // This thread's writer, shared by every decider on it: each line takes it, resets it to its
    // output and puts it back (a line decided from inside another gets a writer of its own).
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    // This thread's copy of a decision line for an ILineObserver, taken and put back as the writer is.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_line;

    /// <summary>The map this decider decides with.</summary>
    public DecisionPlan Plan => _evaluator.Plan;

    /// <summary>When set, every line decided is counted in it (the command line's end-of-run summary).</summary>
    internal DecisionTally? Tally { get; init; }

    /// <summary>
    /// Decides a line and writes its decision (or its error record) to <paramref name="output"/>;
    /// true when the snapshot was valid.
    /// </summary>
    public bool Decide(string line, DateTimeOffset at, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            return Decide(bytes.AsSpan(0, Encoding.UTF8.GetBytes(line, bytes)), at, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// Decides a line given as its UTF-8 bytes (without its newline) and writes its decision (or
    /// its error record) to <paramref name="output"/>; true when the snapshot was valid.
    /// </summary>
    public bool Decide(ReadOnlySpan<byte> utf8, DateTimeOffset at, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = t_writer ?? new Utf8JsonWriter(new ArrayBufferWriter<byte>(1), DecisionJson.WriterOptions);
        t_writer = null;
        var buffer = DecisionBufferPool.Rent(_evaluator.Plan);
        try
        {
            var (customer, error) = _reader.Read(utf8);
            writer.Reset(output);
            if (error is not null)
            {
                DecisionJson.Write(writer, error);
                Tally?.AddError();
                return false;
            }

            // The same decision as Evaluator.Decide (DecideIntoTests, the cross-check), written
            // straight from the buffer: no decision records, and only the actions' scripts rendered.
            var decided = observer is null ? customer! : observer.Prepare(customer!, _evaluator.Plan, at.UtcDateTime);
            try
            {
                _evaluator.DecideInto(decided, at, buffer);
            }
            catch (DecisionFailedException failed)
            {
                DecisionJson.Write(writer, failed.Error);
                Tally?.AddError();
                return false;
            }

            if (observer is ILineObserver keeper)
            {
                // Written once, into a copy the observer keeps, then to the output.
                var written = t_line ?? new ArrayBufferWriter<byte>(4096);
                t_line = null;
                written.ResetWrittenCount();
                writer.Reset(written);
                DecisionJson.Write(writer, buffer);
                writer.Flush();
                output.Write(written.WrittenSpan);
                keeper.Decided(decided, buffer, written.WrittenSpan);
                t_line = written;
            }
            else
            {
                DecisionJson.Write(writer, buffer);
                observer?.Decided(decided, buffer);
            }

            Tally?.Add(buffer);
            return true;
        }
        finally
        {
            writer.Flush();
            t_writer = writer;
            DecisionBufferPool.Return(buffer);
        }
    }
}
