using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>
/// Decides one input line of a batch, as <c>evaluate</c> does, and turns the returned actions
/// into candidates: each action with the channels it may fall back to. Thread-safe.
/// </summary>
internal sealed class LineEvaluator
{
    private readonly DecisionPlan _plan;
    private readonly SnapshotReader _reader;
    private readonly Evaluator _evaluator;
    private readonly Dictionary<string, StrategyPlan> _strategies;
    private readonly DateTime _at;
    private readonly PartitionSpec _partition;
    private readonly IDecisionObserver? _customers;
    private readonly DecisionTally? _tally;

    public LineEvaluator(DecisionPlan plan, DateTime at, PartitionSpec partition, IDecisionObserver? customers = null, DecisionTally? tally = null)
    {
        _customers = customers;
        _tally = tally;
        _plan = plan;
        _reader = new SnapshotReader(plan);
        _evaluator = new Evaluator(plan);
        _strategies = plan.Strategies.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _at = Instant.Utc(at);
        _partition = partition;
    }

    public enum Outcome
    {
        OtherPartition,
        Decided,
        Error,
    }

    /// <summary>
    /// Writes the line record of <paramref name="text"/> to <paramref name="json"/> and adds its
    /// candidates to <paramref name="candidates"/>, unless the line belongs to another partition.
    /// </summary>
    public Outcome Evaluate(long line, string text, Utf8JsonWriter json, List<BatchCandidate> candidates)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var utf8 = bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes));
            var id = _partition.Count > 1 ? SnapshotId.TryFind(utf8, _plan.IdField) : null;
            if (id is not null && !_partition.Contains(id))
            {
                return Outcome.OtherPartition;
            }

            var (customer, error) = _reader.Read(utf8);
            if (id is null && !_partition.Contains(customer?.Id ?? error!.CustomerId))
            {
                return Outcome.OtherPartition;
            }

            if (error is not null)
            {
                BatchJson.WriteLine(json, line, error);
                _tally?.AddError();
                return Outcome.Error;
            }

            customer = _customers?.Prepare(customer!, _plan, _at) ?? customer;
            var first = candidates.Count;
            Decision decision;
            try
            {
                decision = _evaluator.Decide(customer!, _at);
                foreach (var action in decision.Actions)
                {
                    candidates.Add(new BatchCandidate(line, decision.CustomerId, action.Rank, action.Score, action.Strategy, action.Product,
                        Chain(customer!, decision, action)));
                }
            }
            catch (Exception e)
            {
                // The fallback channels render scripts too: a failure there is the customer's error record as well.
                candidates.RemoveRange(first, candidates.Count - first);
                var failed = e as DecisionFailedException ?? DecisionFailedException.For(customer!.Id, null, e);
                BatchJson.WriteLine(json, line, failed.Error);
                _tally?.AddError();
                return Outcome.Error;
            }

            BatchJson.WriteLine(json, line, decision, candidates.GetRange(first, candidates.Count - first));
            _tally?.Add(decision);
            return Outcome.Decided;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // The action's own channel (the first of its strategy's list that passes the gate: the
    // decision chose it), then the later channels of the list that pass the gate too.
    private ChannelOffer[] Chain(CustomerRecord customer, Decision decision, DecisionAction action)
    {
        var strategy = _strategies[action.Strategy];
        var wave = action.Wave ?? 1;
        // A follow-up wave falls back along its own wave's channels.
        var channels = wave > 1 && strategy.HasWaves ? strategy.Waves[wave - 1].Channels : strategy.Channels;
        var position = 0;
        while (position < channels.Count && channels[position].Channel.Id != action.Channel)
        {
            position++;
        }

        var later = ChannelGate.Passing(_plan, customer, decision, strategy, _at, position + 1, wave);
        var chain = new ChannelOffer[later.Count + 1];
        chain[0] = new ChannelOffer(action.Channel, action.Script);
        for (var i = 0; i < later.Count; i++)
        {
            chain[i + 1] = new ChannelOffer(later[i].Channel.Id, later[i].Script);
        }

        return chain;
    }
}
