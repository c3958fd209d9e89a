using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Plan;

namespace Decisioning.Evaluation;

/// <summary>
/// One JSON line in, one JSON line out: a snapshot read, decided and written, or its error
/// record. Thread-safe; holds only the plan's shared, immutable parts.
/// </summary>
public sealed class LineDecider(DecisionPlan plan, IReadOnlyList<IDecisionPolicy>? policies = null)
{
    private readonly SnapshotReader _reader = new(plan);
    private readonly Evaluator _evaluator = new(plan, policies);

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

            var decision = _evaluator.Decide(customer!, at);
            DecisionJson.Write(writer, decision);
            return decision;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
