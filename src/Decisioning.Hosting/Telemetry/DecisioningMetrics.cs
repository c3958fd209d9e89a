using System.Diagnostics;
using System.Diagnostics.Metrics;
using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using static Decisioning.Telemetry.DecisioningTelemetry;

namespace Decisioning.Telemetry;

/// <summary>
/// The instruments of the <c>Decisioning</c> meter. With an <see cref="IMeterFactory"/> (every
/// generic or web host has one) the meter belongs to the host's container; without one, a
/// process-wide meter is used. Recording is skipped entirely while nobody listens.
/// </summary>
internal sealed class DecisioningMetrics
{
    private static readonly Lazy<Meter> ProcessMeter = new(() => new Meter(MeterName, DecisioningTelemetry.Version));

    // Decisions take tens of microseconds; the default buckets (milliseconds and up) would put
    // every one of them in the first bucket.
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

    public DecisioningMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName) { Version = DecisioningTelemetry.Version }) ?? ProcessMeter.Value;
        Decisions = meter.CreateCounter<long>(Instruments.Decisions, "{decision}", "Decisions made.");
        Duration = meter.CreateHistogram(Instruments.DecisionDuration, "s", "Time to read a snapshot and decide it.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Rejections = meter.CreateCounter<long>(Instruments.Rejections, "{rejection}", "Strategies rejected in decisions, by reason code.");
        Actions = meter.CreateCounter<long>(Instruments.Actions, "{action}", "Actions returned in decisions.");
        SnapshotErrors = meter.CreateCounter<long>(Instruments.SnapshotErrors, "{snapshot}", "Snapshots that could not be decided.");
        Reloads = meter.CreateCounter<long>(Instruments.MapReloads, "{reload}", "Loads of new map versions, by result.");
        ShadowDecisions = meter.CreateCounter<long>(Instruments.ShadowDecisions, "{decision}", "Shadow decisions made, by agreement on the first action.");
        ShadowErrors = meter.CreateCounter<long>(Instruments.ShadowErrors, "{error}", "Snapshots the shadow could not decide, and shadow observers that failed.");
        ShadowDrops = meter.CreateCounter<long>(Instruments.ShadowDrops, "{decision}", "Served decisions not shadowed because the shadow queue was full.");
        ShadowPromotions = meter.CreateCounter<long>(Instruments.ShadowPromotions, "{promotion}", "Shadows promoted to serve.");
        StateSwaps = meter.CreateCounter<long>(Instruments.AdaptiveStateSwaps, "{swap}", "Adaptive states learned online and swapped in.");
        LearnDuration = meter.CreateHistogram<double>(Instruments.AdaptiveLearnDuration, "s", "Time to learn one map's adaptive states from the history.");
        LearnErrors = meter.CreateCounter<long>(Instruments.AdaptiveLearnErrors, "{error}", "Online learnings that failed (the state stayed as it was).");
        UnavailableReads = meter.CreateCounter<long>(Instruments.HistoryUnavailableReads, "{decision}",
            "Decisions made on the snapshot alone because the interaction history could not be read.");
    }

    public Counter<long> ShadowDecisions { get; }

    public Counter<long> ShadowErrors { get; }

    public Counter<long> ShadowDrops { get; }

    public Counter<long> ShadowPromotions { get; }

    public void ShadowDecided(string mapId, string shadowVersion, bool agreed)
    {
        if (ShadowDecisions.Enabled)
        {
            ShadowDecisions.Add(1, new TagList
            {
                { Tags.Map, mapId }, { Tags.MapVersion, shadowVersion },
                { Tags.ShadowAgreement, agreed ? ShadowAgreements.Agreed : ShadowAgreements.Disagreed },
            });
        }
    }

    public void ShadowFailed(string mapId, string errorType) =>
        ShadowErrors.Add(1, new TagList { { Tags.Map, mapId }, { Tags.ErrorType, errorType } });

    public void ShadowDropped(string mapId) => ShadowDrops.Add(1, new TagList { { Tags.Map, mapId } });

    public Counter<long> StateSwaps { get; }

    public Histogram<double> LearnDuration { get; }

    public Counter<long> LearnErrors { get; }

    public void StateSwapped(string mapId) => StateSwaps.Add(1, new TagList { { Tags.Map, mapId } });

    public void Learned(string mapId, TimeSpan elapsed) => LearnDuration.Record(elapsed.TotalSeconds, new TagList { { Tags.Map, mapId } });

    public void LearnFailed(string mapId, string errorType) => LearnErrors.Add(1, new TagList { { Tags.Map, mapId }, { Tags.ErrorType, errorType } });

    public Counter<long> UnavailableReads { get; }

    public void HistoryUnavailable(string mapId) => UnavailableReads.Add(1, new TagList { { Tags.Map, mapId } });

    public void ShadowPromoted(string mapId) => ShadowPromotions.Add(1, new TagList { { Tags.Map, mapId } });

    public Counter<long> Decisions { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Rejections { get; }

    public Counter<long> Actions { get; }

    public Counter<long> SnapshotErrors { get; }

    public Counter<long> Reloads { get; }

    public void Decided(Decision decision, TimeSpan elapsed)
    {
        if (Decisions.Enabled)
        {
            var tags = new TagList { { Tags.Map, decision.Map }, { Tags.MapVersion, decision.Version } };
            if (decision.Experiment is { } experiment)
            {
                tags.Add(Tags.ExperimentGroup, experiment.Group);
            }

            Decisions.Add(1, tags);
        }

        if (Duration.Enabled)
        {
            Duration.Record(elapsed.TotalSeconds, new TagList { { Tags.Map, decision.Map }, { Tags.MapVersion, decision.Version } });
        }

        if (Rejections.Enabled)
        {
            foreach (var entry in decision.Trace)
            {
                if (entry.Reason is { } reason)
                {
                    Rejections.Add(1, new TagList { { Tags.Map, decision.Map }, { Tags.Strategy, entry.Strategy }, { Tags.Reason, reason } });
                }
            }
        }

        if (Actions.Enabled)
        {
            foreach (var action in decision.Actions)
            {
                Actions.Add(1, new TagList { { Tags.Map, decision.Map }, { Tags.Strategy, action.Strategy }, { Tags.Channel, action.Channel } });
            }
        }
    }

    public void SnapshotRejected(string mapId, string code) =>
        SnapshotErrors.Add(1, new TagList { { Tags.Map, mapId }, { Tags.ErrorType, code } });

    public void Reloaded(string mapId, string role, bool succeeded) =>
        Reloads.Add(1, new TagList
        {
            { Tags.Map, mapId }, { Tags.MapRole, role }, { Tags.ReloadResult, succeeded ? ReloadResults.Succeeded : ReloadResults.Failed },
        });

    /// <summary>A refused reload, tagged with its first error's code (<c>error.type</c>) besides map, role and result.</summary>
    public void ReloadFailed(string mapId, string role, IReadOnlyList<Diagnostic> errors) =>
        Reloads.Add(1, new TagList
        {
            { Tags.Map, mapId }, { Tags.MapRole, role }, { Tags.ReloadResult, ReloadResults.Failed },
            { Tags.ErrorType, errors.Count > 0 ? errors[0].Code : ReloadResults.Failed },
        });
}
