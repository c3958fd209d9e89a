using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Maturity;

/// <summary>
/// Cuts the collected adaptive lines into steps (the board's periods, the report's state versions)
/// and builds one <see cref="ModelMaturity"/> per instance, sorted by model then strategy.
/// </summary>
internal static class MaturityAssembler
{
    /// <summary>Steps by board period: <paramref name="periodOf"/> maps a decision's UTC ticks to its period.</summary>
    public static IReadOnlyList<ModelMaturity> ByPeriod(MaturityCollector collector, Func<long, int> periodOf, LearnedStates? learned) =>
        Build(collector, (ticks, _) => periodOf(ticks), bucket => (bucket, null, null), learned);

    /// <summary>Steps by the learned-state version the decisions were made with, in the order of their first decision.</summary>
    public static IReadOnlyList<ModelMaturity> ByVersion(MaturityCollector collector, LearnedStates? learned) =>
        Build(collector, (_, version) => version, bucket =>
        {
            if (bucket < 0)
            {
                return (null, null, null);
            }

            var (key, source) = collector.Version(bucket);
            return (null, key, source);
        }, learned);

    private static List<ModelMaturity> Build(
        MaturityCollector collector,
        Func<long, int, int> bucketOf,
        Func<int, (int? Period, string? Version, string? Source)> describe,
        LearnedStates? learned)
    {
        var count = collector.Instances.Count;
        string? KeyOf(int version) => version < 0 ? null : collector.Version(version).Key;
        var totals = Enumerable.Range(0, count).Select(_ => new MaturityAccumulator(KeyOf)).ToArray();
        var steps = Enumerable.Range(0, count).Select(_ => new Dictionary<int, MaturityAccumulator>()).ToArray();
        foreach (var line in collector.Scored)
        {
            totals[line.Instance].Add(line);
            Step(steps[line.Instance], bucketOf(line.Ticks, line.Version), KeyOf).Add(line);
        }

        foreach (var contact in collector.Contacts)
        {
            var closed = collector.Closed(contact);
            totals[contact.Instance].Add(contact, closed);
            Step(steps[contact.Instance], bucketOf(contact.Ticks, contact.Version), KeyOf).Add(contact, closed);
        }

        LearnedCounts? Learned(int instance, MaturityAccumulator accumulator)
        {
            if (learned is null || accumulator.LatestVersion < 0)
            {
                return null;
            }

            var (model, strategy) = collector.Instances[instance];
            return learned.Find(collector.Version(accumulator.LatestVersion).Key, model, strategy);
        }

        return Enumerable.Range(0, count)
            .OrderBy(i => collector.Instances[i].Model, StringComparer.Ordinal)
            .ThenBy(i => collector.Instances[i].Strategy, StringComparer.Ordinal)
            .Select(i => new ModelMaturity(
                collector.Instances[i].Model,
                collector.Instances[i].Strategy,
                totals[i].Build(Learned(i, totals[i])),
                steps[i]
                    .Select(s =>
                    {
                        var (period, version, source) = describe(s.Key);
                        return new MaturityStep(period, version, source, At(s.Value.First), At(s.Value.Last), s.Value.Build(Learned(i, s.Value)));
                    })
                    .OrderBy(s => s.From)
                    .ThenBy(s => s.Period)
                    .ThenBy(s => s.Version, StringComparer.Ordinal)
                    .ToList()))
            .ToList();
    }

    private static MaturityAccumulator Step(Dictionary<int, MaturityAccumulator> steps, int bucket, Func<int, string?> keyOf)
    {
        if (!steps.TryGetValue(bucket, out var accumulator))
        {
            accumulator = new MaturityAccumulator(keyOf);
            steps.Add(bucket, accumulator);
        }

        return accumulator;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
