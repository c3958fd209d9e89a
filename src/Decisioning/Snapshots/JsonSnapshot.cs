using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>A snapshot kept as UTF-8 JSON and read by the plan's own <see cref="SnapshotReader"/>.</summary>
internal sealed class JsonSnapshot(ReadOnlyMemory<byte> utf8) : CustomerSnapshot
{
    public override (CustomerRecord? Customer, SnapshotError? Error) Read(DecisionPlan plan) =>
        new SnapshotReader(plan).Read(utf8.Span);
}
