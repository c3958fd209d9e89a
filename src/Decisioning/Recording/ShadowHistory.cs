using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.History;
using Decisioning.Serialization;

namespace Decisioning.Recording;

/// <summary>
/// The interaction history of a served map and its shadow deciding the same customer one after
/// the other on one thread (<c>evaluate MAP --shadow MAP2 --db PATH</c>): the served decision
/// reads the history once, as far back as the longer of the two reaches, and the shadow decides on
/// that same read (each merging what its own reach covers), so it never sees the served decision's
/// own offers, which may be recorded as contacts meanwhile. The served decision is recorded as
/// usual; the shadow's is stored with role <see cref="OfferRoles.Shadow"/> and never becomes contacts.
/// Thread-safe.
/// </summary>
internal sealed class ShadowHistory
{
    // The served decision's read, handed to the shadow decided next on this thread.
    [ThreadStatic]
    private static LastRead? t_last;

    private readonly HistoryRecorder _recorder;
    private readonly DecisionPlan _shadowPlan;

    /// <summary>Records into <paramref name="recorder"/> for a served map shadowed by <paramref name="shadowPlan"/>.</summary>
    public ShadowHistory(HistoryRecorder recorder, DecisionPlan shadowPlan)
    {
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _shadowPlan = shadowPlan ?? throw new ArgumentNullException(nameof(shadowPlan));
        Served = new ServedSide(this);
        Shadow = new ShadowSide(this);
    }

    /// <summary>The served map's observer: reads, merges, records the decision.</summary>
    public IDecisionObserver Served { get; }

    /// <summary>The shadow map's observer: merges the served decision's read, records the decision as a shadow's.</summary>
    public IDecisionObserver Shadow { get; }

    private sealed record LastRead(string CustomerId, DateTime At, CustomerHistory History);

    private sealed class ServedSide(ShadowHistory owner) : ILineObserver
    {
        public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at)
        {
            var reach = HistoryMerge.Reach(plan);
            var shadowReach = HistoryMerge.Reach(owner._shadowPlan);
            var read = owner._recorder.Store.Read(customer.Id, HistoryMerge.From(at, shadowReach > reach ? shadowReach : reach), at);
            t_last = new LastRead(customer.Id, at, read);
            return HistoryMerge.Merge(customer, read, HistoryMerge.From(at, reach));
        }

        public void Decided(CustomerRecord customer, DecisionBuffer buffer) => owner._recorder.Decided(customer, buffer);

        public void Decided(CustomerRecord customer, DecisionBuffer buffer, ReadOnlySpan<byte> line) => owner._recorder.Decided(customer, buffer, line);
    }

    private sealed class ShadowSide(ShadowHistory owner) : ILineObserver
    {
        public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at)
        {
            var reach = HistoryMerge.Reach(plan);
            return t_last is { } last && last.CustomerId == customer.Id && last.At == at
                ? HistoryMerge.Merge(customer, last.History, HistoryMerge.From(at, reach))
                : HistoryMerge.Merge(owner._recorder.Store, customer, at, reach);
        }

        public void Decided(CustomerRecord customer, DecisionBuffer buffer) => owner._recorder.DecidedShadow(buffer);

        public void Decided(CustomerRecord customer, DecisionBuffer buffer, ReadOnlySpan<byte> line) => owner._recorder.DecidedShadow(buffer, line);
    }
}
