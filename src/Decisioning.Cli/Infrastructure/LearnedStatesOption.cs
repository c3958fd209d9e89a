using System.CommandLine;
using Decisioning.History;
using Decisioning.Plan;
using Decisioning.Reporting.Model;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// <c>--maps DIR...</c> on <c>report</c> and <c>dashboard</c>: the map versions and learned-state
/// files behind the decisions (found as <c>replay</c> finds them), so that the maturity table can
/// count each adaptive model's bins. A map version's own state files count under its hash (the
/// decision's <c>mapHash</c>); a state file (a host's <c>StateDirectory</c>) under its version (the
/// trace's <c>state</c>), binned by the <c>minEvidence</c> of the model of the same id in the first
/// map version that has it.
/// </summary>
internal sealed class LearnedStatesOption
{
    public Option<string[]> Maps { get; } = new("--maps")
    {
        Description = "Folders (or files) of the map versions and learned-state files behind the decisions, for the adaptive models' bins",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Null without <c>--maps</c>; else the states found, or null after printing why the folders cannot be read.</summary>
    public bool TryRead(ParseResult parse, CliContext context, out LearnedStates? learned)
    {
        learned = null;
        if (parse.GetValue(Maps) is not { Length: > 0 } folders)
        {
            return true;
        }

        try
        {
            learned = From(new MapCatalog(folders));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return false;
        }
    }

    /// <summary>Every adaptive instance of every map version and state file in the catalog, with its bins.</summary>
    internal static LearnedStates From(MapCatalog catalog)
    {
        var learned = new LearnedStates();
        var minEvidence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var plan in catalog.Plans)
        {
            foreach (var strategy in plan.Strategies)
            {
                if (strategy.Propensity is AdaptivePropensity adaptive)
                {
                    minEvidence.TryAdd(adaptive.Model.ModelId, adaptive.Model.MinEvidence);
                    learned.Add(plan.MapHash, adaptive.Model.ModelId, strategy.Id, Counts(adaptive.Instance, adaptive.Model.MinEvidence));
                }
            }
        }

        foreach (var (version, state) in catalog.StateVersions)
        {
            foreach (var instance in state.Instances.Values)
            {
                if (minEvidence.TryGetValue(instance.Model, out var threshold))
                {
                    learned.Add(version, instance.Model, instance.Strategy, Counts(instance, threshold));
                }
            }
        }

        return learned;
    }

    /// <summary>
    /// P, N, every bin of the formula (a category's never-seen bin included, which counts nothing)
    /// and the bins whose interactions reached <paramref name="minEvidence"/>.
    /// </summary>
    internal static LearnedCounts Counts(AdaptiveInstance instance, double minEvidence)
    {
        int bins = 0, mature = 0;
        foreach (var predictor in instance.Predictors)
        {
            bins += predictor.BinCount;
            mature += predictor.Fixed.Concat(predictor.Values.Values).Count(b => b.Positive + b.Negative >= minEvidence);
        }

        return new LearnedCounts(instance.Positives, instance.Negatives, bins, mature);
    }
}
