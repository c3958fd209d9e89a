using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Telemetry;
using Microsoft.Extensions.Options;
using static Decisioning.Telemetry.DecisioningTelemetry;

namespace Decisioning.Hosting;

/// <summary>
/// Turns a map source's current content into a <see cref="MapVersion"/>: load and compile, check
/// that the map is the one registered, and make this version's policies. Runs off the decision path.
/// </summary>
internal sealed class MapVersionLoader(IServiceProvider services, IOptions<DecisioningRegistry> registry, TimeProvider time)
{
    private readonly Lazy<MapLoadOptions> _loadOptions = new(() => new MapLoadOptions
    {
        // Host models are made once, at the first load, and shared by every version.
        HostModels = registry.Value.Models.ToDictionary(m => m.Key, m => m.Value(services), StringComparer.Ordinal),
    });

    public async Task<LoadOutcome> LoadAsync(string mapId, IMapSource source, long generation, CancellationToken cancellationToken)
    {
        using var activity = DecisioningTelemetry.ActivitySource.StartActivity(Activities.MapReload);
        activity?.SetTag(Tags.Map, mapId);
        var started = time.GetTimestamp();
        var outcome = await LoadCoreAsync(mapId, source, generation, started, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(Tags.ReloadResult, outcome.Version is null ? ReloadResults.Failed : ReloadResults.Succeeded);
        if (outcome.Version is { } version)
        {
            activity?.SetTag(Tags.MapVersion, version.Plan.Version);
        }
        else
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ErrorCount.Of(outcome.Errors.Count));
        }

        return outcome;
    }

    private async Task<LoadOutcome> LoadCoreAsync(string mapId, IMapSource source, long generation, long started, CancellationToken cancellationToken)
    {
        LoadResult result;
        try
        {
            result = await source.LoadAsync(_loadOptions.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return LoadOutcome.Failed([Diagnostic.Error(DiagnosticCodes.FileUnreadable, $"the map could not be read: {e.Message}",
                SourceLocation.StartOf(source.Description))], e);
        }

        if (result.Plan is not { } plan)
        {
            return LoadOutcome.Failed([.. result.Errors]);
        }

        if (plan.MapId != mapId)
        {
            return LoadOutcome.Failed([Diagnostic.Error(DiagnosticCodes.ServedUnderAnotherId,
                $"the map says 'map: {plan.MapId}' but is served as '{mapId}'", SourceLocation.StartOf(source.Description))]);
        }

        var policies = new List<IDecisionPolicy>();
        foreach (var factory in registry.Value.Policies)
        {
            try
            {
                if (factory(new DecisionPolicyContext(services, mapId, plan)) is { } policy)
                {
                    policies.Add(policy);
                }
            }
            catch (Exception e)
            {
                return LoadOutcome.Failed([Diagnostic.Error(DiagnosticCodes.HostPolicyFailed,
                    $"a policy could not be made for map '{mapId}' version '{plan.Version}': {e.Message}", SourceLocation.StartOf(source.Description))], e);
            }
        }

        var warnings = result.Diagnostics.Where(d => d.Severity != Severity.Error).Select(d => d.ToString()).ToList();
        var version = new MapVersion(mapId, plan, new Evaluator(plan, policies), generation, time.GetUtcNow(), source.Description,
            time.GetElapsedTime(started), warnings) { Policies = policies };
        return new LoadOutcome(version, [], null);
    }
}
