using System.Globalization;
using System.Text;
using Decisioning.Evaluation;
using FsCheck;
using FsCheck.Fluent;
using Decisioning.Serialization;

namespace Decisioning.Testing;

/// <summary>How often one gate of one strategy, checked on its own, passed and failed over a run.</summary>
public sealed record GateReach(string Gate, int Passed, int Failed)
{
    /// <summary>True when the run saw the gate go both ways.</summary>
    public bool Flipped => Passed > 0 && Failed > 0;
}

/// <summary>What a run did to one strategy: how often it was selected, rejected for each reason, and its gates.</summary>
public sealed record StrategyReach(string Strategy, int Selected, IReadOnlyDictionary<string, int> Rejected, IReadOnlyList<GateReach> Gates);

/// <summary>
/// The reach of a run of generated customers over a map: which reason codes of spec section 3 and
/// which strategies the decisions hit, and which gates went both ways. A regression suite is only
/// as good as its reach: a reason never reached is a rule never tested.
/// </summary>
public sealed class ReachReport
{
    private ReachReport(string map, DateTime at, int customers, int invalid, IReadOnlyDictionary<string, int> reasons, IReadOnlyList<StrategyReach> strategies)
    {
        Map = map;
        At = at;
        Customers = customers;
        Invalid = invalid;
        Reasons = reasons;
        Strategies = strategies;
    }

    /// <summary>The map's id and version.</summary>
    public string Map { get; }

    /// <summary>The decision time (UTC) every customer was decided at.</summary>
    public DateTime At { get; }

    /// <summary>The number of generated customers decided.</summary>
    public int Customers { get; }

    /// <summary>Generated snapshots the map rejected as invalid: always 0 unless the generator has a bug.</summary>
    public int Invalid { get; }

    /// <summary>Rejections per reason code, over all customers and strategies.</summary>
    public IReadOnlyDictionary<string, int> Reasons { get; }

    /// <summary>Each strategy's reach, in map order.</summary>
    public IReadOnlyList<StrategyReach> Strategies { get; }

    /// <summary>The reason codes of spec section 3 the run never produced (<c>policy</c> needs a host policy).</summary>
    public IReadOnlyList<string> UnreachedReasons => [.. ReasonCodes.All.Where(r => !Reasons.ContainsKey(r))];

    /// <summary>Strategies never selected in the run.</summary>
    public IReadOnlyList<string> NeverSelected => [.. Strategies.Where(s => s.Selected == 0).Select(s => s.Strategy)];

    internal static ReachReport Measure(MapProperties map, int customers, ulong seed)
    {
        var sample = Gen.Sample(map.Customers.Generator, size: 50, seed: new Rnd(seed), numberOfSamples: customers);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var selected = new int[map.Plan.Strategies.Count];
        var rejected = map.Plan.Strategies.Select(_ => new SortedDictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var gates = map.Plan.Strategies.Select(_ => new Dictionary<string, (int Passed, int Failed)>()).ToArray();
        var invalid = 0;
        foreach (var customer in sample)
        {
            if (customer.TryRead(map.Plan).Customer is not { } record)
            {
                invalid++;
                continue;
            }

            var decision = map.Decide(record, map.At);
            for (var i = 0; i < decision.Trace.Count && i < selected.Length; i++)
            {
                if (decision.Trace[i].Reason is { } reason)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                    rejected[i][reason] = rejected[i].GetValueOrDefault(reason) + 1;
                }
                else
                {
                    selected[i]++;
                }
            }

            foreach (var check in map.Oracle.Check(record).Strategies)
            {
                foreach (var gate in check.Gates)
                {
                    var (passed, failed) = gates[check.Strategy.Index].GetValueOrDefault(gate.Gate);
                    gates[check.Strategy.Index][gate.Gate] = gate.Passed ? (passed + 1, failed) : (passed, failed + 1);
                }
            }
        }

        var strategies = map.Plan.Strategies.Select(s => new StrategyReach(s.Id, selected[s.Index], rejected[s.Index],
            [.. gates[s.Index].Select(g => new GateReach(g.Key, g.Value.Passed, g.Value.Failed))])).ToList();
        return new ReachReport($"{map.Plan.MapId} {map.Plan.Version}", map.At, customers, invalid, reasons, strategies);
    }

    /// <summary>The report as a table for a test's output.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"reach of {Customers} generated customers on {Map} at {DecisionJson.FormatInstant(At)} ({Invalid} invalid)\n");
        text.Append("reason codes: ").AppendJoin(", ", Reasons.Select(r => $"{r.Key} {r.Value}")).Append('\n');
        text.Append("not reached:  ").Append(UnreachedReasons.Count == 0 ? "none" : string.Join(", ", UnreachedReasons)).Append('\n');
        var width = Strategies.Max(s => s.Strategy.Length);
        text.Append("strategy".PadRight(width)).Append("  selected  rejections by reason; gates that never went both ways\n");
        foreach (var s in Strategies)
        {
            var still = s.Gates.Where(g => !g.Flipped).Select(g => $"{g.Gate} {(g.Failed == 0 ? "always passed" : "always failed")}");
            text.Append(s.Strategy.PadRight(width)).Append("  ").Append(s.Selected.ToString(CultureInfo.InvariantCulture).PadLeft(8)).Append("  ")
                .AppendJoin(", ", s.Rejected.Select(r => $"{r.Key} {r.Value}"));
            var fixedGates = string.Join(", ", still);
            text.Append(fixedGates.Length == 0 ? "" : $"; {fixedGates}").Append('\n');
        }

        return text.ToString();
    }
}
