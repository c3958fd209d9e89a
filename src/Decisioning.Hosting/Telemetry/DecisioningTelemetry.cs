using System.Diagnostics;

namespace Decisioning.Telemetry;

/// <summary>
/// The names under which Decisioning reports: one <see cref="System.Diagnostics.Metrics.Meter"/>, one
/// <see cref="System.Diagnostics.ActivitySource"/> and one log category, all called
/// <c>Decisioning</c>. Instruments, tags and activities are listed in docs/telemetry.md; their names
/// follow the OpenTelemetry naming guidelines and are stable.
/// </summary>
public static class DecisioningTelemetry
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or <c>dotnet-counters</c>.</summary>
    public const string MeterName = "Decisioning";

    /// <summary>The activity source's name, for <c>AddSource</c> in OpenTelemetry.</summary>
    public const string ActivitySourceName = "Decisioning";

    /// <summary>The category of every log the library writes.</summary>
    public const string LogCategory = "Decisioning";

    internal static readonly string Version =
        typeof(DecisioningTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    /// <summary>Instrument names of the <c>Decisioning</c> meter.</summary>
    public static class Instruments
    {
        /// <summary>Counter of decisions made, by map, map version and experiment group.</summary>
        public const string Decisions = "decisioning.decisions";

        /// <summary>Histogram of the time one decision takes (snapshot read and evaluation), in seconds.</summary>
        public const string DecisionDuration = "decisioning.decision.duration";

        /// <summary>Counter of strategies rejected in decisions, by map, strategy and reason code.</summary>
        public const string Rejections = "decisioning.rejections";

        /// <summary>Counter of actions returned, by map, strategy and channel.</summary>
        public const string Actions = "decisioning.actions";

        /// <summary>Counter of snapshots that could not be decided, by map and error code.</summary>
        public const string SnapshotErrors = "decisioning.snapshot.errors";

        /// <summary>Counter of map reloads, by map and result (<c>succeeded</c> or <c>failed</c>).</summary>
        public const string MapReloads = "decisioning.map.reloads";

        /// <summary>Counter of shadow decisions made, by map, shadow version and agreement on the first action.</summary>
        public const string ShadowDecisions = "decisioning.shadow.decisions";

        /// <summary>Counter of snapshots the shadow could not decide or observers that failed, by map and <c>error.type</c>.</summary>
        public const string ShadowErrors = "decisioning.shadow.errors";

        /// <summary>Counter of served decisions not shadowed because the shadow queue was full, by map.</summary>
        public const string ShadowDrops = "decisioning.shadow.drops";

        /// <summary>Counter of shadows promoted to serve, by map.</summary>
        public const string ShadowPromotions = "decisioning.shadow.promotions";

        /// <summary>Counter of adaptive states learned online and swapped in, by map.</summary>
        public const string AdaptiveStateSwaps = "decisioning.adaptive.state.swaps";

        /// <summary>Histogram of the time one map's adaptive states take to learn from the history, in seconds, by map.</summary>
        public const string AdaptiveLearnDuration = "decisioning.adaptive.learn.duration";

        /// <summary>Counter of online learnings that failed, by map and <c>error.type</c>.</summary>
        public const string AdaptiveLearnErrors = "decisioning.adaptive.learn.errors";

        /// <summary>
        /// Counter of decisions made on the snapshot alone because the interaction history could not
        /// be read (<c>HistoryReadUnavailableMode.SnapshotOnly</c>), by map.
        /// </summary>
        public const string HistoryUnavailableReads = "decisioning.history.unavailable_reads";
    }

    /// <summary>Tag (attribute) names used on instruments and activities.</summary>
    public static class Tags
    {
        /// <summary>The map id.</summary>
        public const string Map = "decisioning.map.id";

        /// <summary>The map's version.</summary>
        public const string MapVersion = "decisioning.map.version";

        /// <summary>The experiment group: <c>model</c> or <c>control</c>.</summary>
        public const string ExperimentGroup = "decisioning.experiment.group";

        /// <summary>A strategy id.</summary>
        public const string Strategy = "decisioning.strategy.id";

        /// <summary>A channel id.</summary>
        public const string Channel = "decisioning.channel.id";

        /// <summary>The reason code a gate rejected a strategy with.</summary>
        public const string Reason = "decisioning.rejection.reason";

        /// <summary>How a reload ended (<see cref="ReloadResults"/>).</summary>
        public const string ReloadResult = "decisioning.reload.result";

        /// <summary>The number of customers of a batch call.</summary>
        public const string BatchSize = "decisioning.batch.size";

        /// <summary>The number of a batch call's customers that gave an error record.</summary>
        public const string BatchErrors = "decisioning.batch.errors";

        /// <summary><c>served</c> or <c>shadow</c>: which of a map's versions a reload was for.</summary>
        public const string MapRole = "decisioning.map.role";

        /// <summary>Whether a shadow decision's first action is the served one's (<see cref="ShadowAgreements"/>).</summary>
        public const string ShadowAgreement = "decisioning.shadow.agreement";

        /// <summary>The OpenTelemetry <c>error.type</c> attribute: a snapshot error code.</summary>
        public const string ErrorType = "error.type";
    }

    /// <summary>Values of <see cref="Tags.ReloadResult"/>.</summary>
    public static class ReloadResults
    {
        /// <summary>The new version is serving.</summary>
        public const string Succeeded = "succeeded";

        /// <summary>The new version did not load; the last good one keeps serving.</summary>
        public const string Failed = "failed";
    }

    /// <summary>Values of <see cref="Tags.ShadowAgreement"/>.</summary>
    public static class ShadowAgreements
    {
        /// <summary>The same strategy, product and channel first, or no action on both sides.</summary>
        public const string Agreed = "agreed";

        /// <summary>Another first action, or an action on one side only.</summary>
        public const string Disagreed = "disagreed";
    }

    /// <summary>Activity (span) names of the <c>Decisioning</c> activity source.</summary>
    public static class Activities
    {
        /// <summary>One batch of decisions made by one map version.</summary>
        public const string Batch = "decisioning.batch";

        /// <summary>One load of a new map version, at start or on a change.</summary>
        public const string MapReload = "decisioning.map.reload";
    }
}
