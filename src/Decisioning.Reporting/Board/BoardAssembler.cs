using Decisioning.Reporting.Aggregation;
using Decisioning.Reporting.Maturity;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Board;

/// <summary>
/// Cuts the collected log into periods counted from the earliest decision and builds the
/// <see cref="Dashboard"/>. The comparisons are the report's: the same customer table, the same
/// accumulators, split by the period of each customer's placing decision.
/// </summary>
internal sealed class BoardAssembler
{
    private readonly DecisionCollector decisions;
    private readonly ResponseCollector responses;
    private readonly BoardOptions options;
    private readonly long first;
    private readonly long periodTicks;
    private readonly int periodCount;

    public BoardAssembler(DecisionCollector decisions, ResponseCollector responses, BoardOptions options)
    {
        this.decisions = decisions;
        this.responses = responses;
        this.options = options;
        periodTicks = options.Period.Length.Ticks;
        var span = decisions.Span ?? (0, 0);
        first = span.First;
        periodCount = decisions.Span is null ? 0 : (int)Math.Min(int.MaxValue, ((span.Last - span.First) / periodTicks) + 1);
        if (periodCount > BoardOptions.MaxPeriods)
        {
            throw new ArgumentException(
                $"a period of {options.Period} cuts the decisions into {periodCount:N0} periods; at most {BoardOptions.MaxPeriods:N0} are shown, so choose a longer period");
        }
    }

    public Dashboard Assemble()
    {
        var totals = ReportAssembler.Assemble(decisions.Report, responses.Report, options.Window);
        var (periods, comparisons) = Periods();
        var strategies = Strategies(comparisons, totals);
        return new Dashboard(
            options.Period.Text,
            options.Window.Text,
            decisions.Span is { } s ? new DateTimeOffset(s.First, TimeSpan.Zero) : null,
            decisions.Span is { } l ? new DateTimeOffset(l.Last, TimeSpan.Zero) : null,
            new BoardCounts(
                decisions.Report.Decisions,
                decisions.Log.CustomerCount,
                decisions.Log.ActionCount,
                decisions.Report.ErrorRecords,
                decisions.Report.BadLines,
                responses.Outcomes,
                responses.Attributed,
                responses.BadLines),
            periods,
            strategies,
            Funnel(strategies),
            GateOrder.Sort(decisions.NoAction).Select(r => new ReasonCount(r.Key, r.Value)).ToList(),
            Channels(),
            decisions.Shadow.Build(),
            decisions.Maps.OrderByDescending(m => m.Value).Select(m => new MapVersionSeen(m.Key.Map, m.Key.Version, m.Key.MapHash, m.Value)).ToList(),
            totals)
        {
            Adaptive = MaturityAssembler.ByPeriod(decisions.Maturity, PeriodOf, options.Learned),
        };
    }

    private int PeriodOf(long ticks) => (int)((ticks - first) / periodTicks);

    private static long Day(long ticks) => ticks / TimeSpan.TicksPerDay;

    /// <summary>Per period: decisions, distinct customers and decision days, and the comparisons of the customers first decided in it.</summary>
    private (List<BoardPeriod> Periods, List<IReadOnlyList<StrategyComparison>> ByStrategy) Periods()
    {
        var log = decisions.Log;
        var counts = new long[periodCount];
        var customers = new long[periodCount];
        var days = new HashSet<(int Period, long Day)>();
        var seen = new HashSet<int>();
        foreach (var (_, lastDecision) in log.Customers)
        {
            seen.Clear();
            for (var i = lastDecision; i >= 0; i = log.Decision(i).Next)
            {
                var period = PeriodOf(log.Decision(i).Ticks);
                counts[period]++;
                days.Add((period, Day(log.Decision(i).Ticks)));
                if (seen.Add(period))
                {
                    customers[period]++;
                }
            }
        }

        var table = decisions.Report.Table;
        var (ids, ofArm) = ReportAssembler.StrategyIndex(table.Arms);
        var overall = Enumerable.Range(0, periodCount).Select(_ => new ComparisonBuilder()).ToArray();
        var byStrategy = Enumerable.Range(0, periodCount).Select(_ => ids.Select(_ => new ComparisonBuilder()).ToArray()).ToArray();
        foreach (var record in table.Records)
        {
            var period = PeriodOf(record.DecisionTicks);
            ReportAssembler.AddOverall(overall[period], record);
            if (record.Arm >= 0)
            {
                ReportAssembler.AddForArm(byStrategy[period][ofArm[record.Arm]], record);
            }
        }

        var dayCounts = new int[periodCount];
        foreach (var (period, _) in days)
        {
            dayCounts[period]++;
        }

        var periods = new List<BoardPeriod>(periodCount);
        for (var p = 0; p < periodCount; p++)
        {
            var comparison = Adjustment.AsFamilyOfOne(overall[p].Build());
            periods.Add(new BoardPeriod(
                p,
                new DateTimeOffset(first + (p * periodTicks), TimeSpan.Zero),
                // A long period from a late decision would end after year 9999 (--period 5000000d): the last instant instead.
                new DateTimeOffset(Math.Min(first + ((p + 1) * periodTicks), DateTime.MaxValue.Ticks), TimeSpan.Zero),
                counts[p],
                customers[p],
                dayCounts[p],
                comparison,
                SampleRatioTest.Evaluate(comparison.Model.Customers, comparison.Control.Customers, decisions.Report.ControlShare)));
        }

        // Benjamini-Hochberg within each period's family of strategies, as the report adjusts its own.
        var adjusted = byStrategy.Select(builders => Adjustment.AcrossStrategies(ReportAssembler.Strategies(ids, builders))).ToList();
        return (periods, adjusted);
    }

    private List<StrategyBoardRow> Strategies(List<IReadOnlyList<StrategyComparison>> comparisons, Report totals)
    {
        var log = decisions.Log;
        var ids = decisions.Strategies.Ids;
        var total = ids.Select(_ => new ActivityAccumulator()).ToArray();
        var byPeriod = ids.Select(_ => new ActivityAccumulator?[periodCount]).ToArray();
        var actions = log.Actions;
        var answered = log.Responses;
        var seen = new HashSet<long>();
        foreach (var (lastAction, _) in log.Customers)
        {
            seen.Clear();
            for (var i = lastAction; i >= 0; i = actions[i].Next)
            {
                ref readonly var action = ref actions[i];
                var period = PeriodOf(action.Ticks);
                var cell = byPeriod[action.Strategy][period] ??= new ActivityAccumulator();
                cell.Add(action, answered[i]);
                total[action.Strategy].Add(action, answered[i]);
                if (seen.Add(((long)action.Strategy << 32) | (uint)period))
                {
                    cell.AddCustomer();
                }

                if (seen.Add(((long)action.Strategy << 32) | uint.MaxValue))
                {
                    total[action.Strategy].AddCustomer();
                }
            }
        }

        var channels = decisions.Channels.Ids;
        var order = decisions.Funnel.Strategies
            .Concat(ids)
            .Concat(totals.Strategies.Select(s => s.Strategy))
            .Distinct(StringComparer.Ordinal);
        var rows = new List<StrategyBoardRow>();
        foreach (var strategy in order)
        {
            var index = decisions.Strategies.Find(strategy);
            var periods = new List<StrategyPeriod>();
            for (var p = 0; p < periodCount; p++)
            {
                var activity = index >= 0 ? byPeriod[index][p]?.Build(channels) : null;
                var comparison = comparisons[p].FirstOrDefault(c => c.Strategy == strategy)?.Comparison;
                if (activity is not null || comparison is not null)
                {
                    periods.Add(new StrategyPeriod(p, activity ?? Activity.Empty, comparison));
                }
            }

            rows.Add(new StrategyBoardRow(
                strategy,
                index >= 0 ? total[index].Build(channels) : Activity.Empty,
                totals.Strategies.FirstOrDefault(s => s.Strategy == strategy)?.Comparison,
                periods));
        }

        return rows;
    }

    private List<FunnelRow> Funnel(List<StrategyBoardRow> strategies) =>
        strategies.Select(s => decisions.Funnel.Row(s.Strategy)).Where(f => f.Evaluated > 0).ToList();

    private List<ChannelUse> Channels()
    {
        var log = decisions.Log;
        var contacts = new long[decisions.Channels.Ids.Count];
        foreach (ref readonly var action in log.Actions)
        {
            contacts[action.Channel]++;
        }

        var days = new HashSet<long>();
        for (var i = 0; i < log.DecisionCount; i++)
        {
            days.Add(Day(log.Decision(i).Ticks));
        }

        var ids = decisions.Channels.Ids.Concat(options.ChannelCapacity.Keys).Distinct(StringComparer.Ordinal);
        return ids.Select(channel =>
        {
            var index = decisions.Channels.Find(channel);
            var used = index >= 0 ? contacts[index] : 0;
            long? perDay = options.ChannelCapacity.TryGetValue(channel, out var cap) ? cap : null;
            long? capacity = perDay * days.Count;
            return new ChannelUse(channel, perDay, used, days.Count, capacity, capacity > 0 ? (double)used / capacity.Value : null);
        }).ToList();
    }
}
