using Decisioning.Telemetry;
using Decisioning.Validation;
using Microsoft.Extensions.Options;

namespace Decisioning.Hosting;

/// <summary>
/// Validates <see cref="DecisioningOptions"/> by loading every map, so that with
/// <c>ValidateOnStart</c> a bad map stops the host with every error of every map listed. The
/// versions loaded here are handed to the engine through <see cref="StartupLoads"/>.
/// </summary>
internal sealed class DecisioningOptionsValidator(
    MapSourceFactory sources,
    MapVersionLoader loader,
    StartupLoads loads,
    DecisioningLogger log) : IValidateOptions<DecisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, DecisioningOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = CheckShape(options);
        if (failures.Count > 0)
        {
            return ValidateOptionsResult.Fail(failures);
        }

        var logger = log.Logger;
        foreach (var (mapId, map) in options.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            IMapSource source;
            try
            {
                source = sources.Create(mapId, map);
            }
            catch (Exception e)
            {
                failures.Add($"map '{mapId}': its source could not be made: {e.Message}");
                continue;
            }

            // Validators are synchronous; this runs once, at start, before anything is served.
            var outcome = loader.LoadAsync(mapId, source, generation: 1, CancellationToken.None).GetAwaiter().GetResult();
            if (outcome.Version is { } version)
            {
                loads.Offer(mapId, source, version);
                continue;
            }

            logger.MapLoadFailed(mapId, source.Description, "the host cannot start", outcome.Errors.Count,
                string.Join('\n', outcome.Errors), outcome.Exception);
            failures.Add($"map '{mapId}' from {source.Description} is invalid ({outcome.Errors.Count} errors):\n" +
                string.Join('\n', outcome.Errors));
            (source as IDisposable)?.Dispose();
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private List<string> CheckShape(DecisioningOptions options)
    {
        var failures = new List<string>();
        if (options.Maps.Count == 0)
        {
            failures.Add("no map is configured: add one with AddMap(...) or under Decisioning:Maps");
        }

        if (options.ReloadDebounce < TimeSpan.Zero)
        {
            failures.Add($"ReloadDebounce is {options.ReloadDebounce}: it must not be negative");
        }

        foreach (var (mapId, map) in options.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!Syntax.IsId(mapId))
            {
                failures.Add($"'{mapId}' under Decisioning:Maps is not a map id: ids are kebab-case, [a-z0-9][a-z0-9-]*");
            }
            else if (string.IsNullOrWhiteSpace(map?.Path) && !sources.HasCustomSource(mapId))
            {
                failures.Add($"map '{mapId}' has neither a Path nor a source registered in code");
            }
        }

        return failures;
    }
}
