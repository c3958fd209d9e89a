using System.Buffers;
using System.Text;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Streaming;
using Decisioning.Snapshots;

namespace Decisioning.Diffing;

/// <summary>
/// Decides every customer under two map versions at the same time and compares the decisions
/// (<see cref="DecisionDiff"/>): on every core, in input order, in memory bounded by a few batches.
/// </summary>
/// <param name="old">The map as released.</param>
/// <param name="new">The map under review.</param>
public sealed class MapDiff(DecisionPlan old, DecisionPlan @new)
{
    private readonly Side _old = new(old);
    private readonly Side _new = new(@new);

    /// <summary>
    /// Compares the decisions for every line at <paramref name="at"/>; <paramref name="changed"/>
    /// gets each customer whose decision changes, in input order. Returns the totals.
    /// </summary>
    public DiffSummary Run(IEnumerable<string> lines, DateTime at, Action<CustomerDiff> changed)
    {
        var summary = new DiffSummary();
        OrderedParallel.RunAsync(
            Numbered(lines),
            batch => batch.Select(item => Compare(item.Line, item.Text, at)).ToArray(),
            diffs =>
            {
                foreach (var diff in diffs)
                {
                    summary.Add(diff);
                    if (diff.Changed)
                    {
                        changed(diff);
                    }
                }
            }).GetAwaiter().GetResult();
        return summary;
    }

    /// <summary>The comparison of one snapshot line. Thread-safe.</summary>
    public CustomerDiff Compare(long line, string text, DateTime at)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var utf8 = bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes));
            var (old, oldError) = _old.Decide(utf8, at);
            var (@new, newError) = _new.Decide(utf8, at);
            var id = old?.CustomerId ?? @new?.CustomerId ?? oldError?.CustomerId ?? newError?.CustomerId;
            return new CustomerDiff(line, id, DecisionDiff.Compare(old, oldError, @new, newError), old, @new, oldError, newError);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static IEnumerable<(long Line, string Text)> Numbered(IEnumerable<string> lines)
    {
        long line = 0;
        foreach (var text in lines)
        {
            yield return (line++, text);
        }
    }

    private sealed class Side(DecisionPlan plan)
    {
        private readonly SnapshotReader _reader = new(plan);
        private readonly Evaluator _evaluator = new(plan);

        public (Decision?, SnapshotError?) Decide(ReadOnlySpan<byte> utf8, DateTime at)
        {
            var (customer, error) = _reader.Read(utf8);
            if (error is not null)
            {
                return (null, error);
            }

            try
            {
                return (_evaluator.Decide(customer!, at), null);
            }
            catch (DecisionFailedException failed)
            {
                return (null, failed.Error);
            }
        }
    }
}
