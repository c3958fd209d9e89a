using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// One JSON line in, one JSON line out: a snapshot read, decided and written, or its error
/// record. Thread-safe: the plan's parts are shared and immutable, and each thread decides into
/// its own <see cref="DecisionBuffer"/>, which renders only the scripts the line carries.
/// </summary>
public sealed class LineDecider(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null)
{
    private readonly SnapshotReader _reader = new(plan);
    private readonly Evaluator _evaluator = new(plan, policies);
    private readonly ThreadLocal<DecisionBuffer> _buffers = new(() => new DecisionBuffer(plan));

    public DecisionPlan Plan => _evaluator.Plan;

    /// <summary>Decides a line, and returns the decision too when the snapshot was valid.</summary>
    public Decision? Decide(string line, DateTime at, ArrayBufferWriter<byte> output)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            var (customer, error) = _reader.Read(bytes.AsSpan(0, length));
            using var writer = new Utf8JsonWriter(output, DecisionJson.WriterOptions);
            if (error is not null)
            {
                DecisionJson.Write(writer, error);
                return null;
            }

            // The same decision as Evaluator.Decide (DecideIntoTests), at a sixth of its cost:
            // scripts of channels that no action uses are never rendered.
            var buffer = _buffers.Value!;
            _evaluator.DecideInto(customer!, at, buffer);
            var decision = buffer.ToDecision();
            DecisionJson.Write(writer, decision);
            return decision;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
