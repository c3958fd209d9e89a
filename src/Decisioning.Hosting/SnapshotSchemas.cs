using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Hosting;

/// <summary>
/// Whether two plans read a snapshot into the same record: the same id field, the same customer
/// fields (names and types, in order) and the same event payloads. A snapshot read by one is then
/// the record the other would read, so a shadow decides the served map's record instead of parsing
/// the snapshot again. The last pair asked is remembered (a reload changes it; thread-safe).
/// </summary>
internal sealed class SnapshotSchemas
{
    private Known? _last;

    public bool Same(DecisionPlan a, DecisionPlan b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (Volatile.Read(ref _last) is { } known && ReferenceEquals(known.A, a) && ReferenceEquals(known.B, b))
        {
            return known.Same;
        }

        var same = a.IdField == b.IdField && SameLayout(a.Customer, b.Customer) && a.Events.Count == b.Events.Count &&
                   a.Events.All(e => b.Events.TryGetValue(e.Key, out var other) && SameLayout(e.Value, other));
        Volatile.Write(ref _last, new Known(a, b, same));
        return same;
    }

    private static bool SameLayout(RowLayout a, RowLayout b) =>
        a.Fields.Count == b.Fields.Count && a.Fields.Zip(b.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);

    private sealed record Known(DecisionPlan A, DecisionPlan B, bool Same);
}
