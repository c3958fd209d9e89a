using Decisioning.Loading;
using Microsoft.Extensions.Options;

namespace Decisioning.Hosting;

/// <summary>
/// Checks the shape of <see cref="DecisioningOptions"/> (ids, paths or sources, settings in range).
/// Loading the maps is the engine's start (<see cref="EngineStartup"/>), not validation: a validator
/// is synchronous and its result carries strings, where a load is asynchronous and carries
/// diagnostics.
/// </summary>
internal sealed class DecisioningOptionsValidator(MapSourceFactory sources) : IValidateOptions<DecisioningOptions>
{
    /// <summary>The most shadow workers a host may ask for.</summary>
    internal const int MaxShadowWorkers = 64;

    // The longest wait of Task.Delay (uint.MaxValue - 1 ms, about 49.7 days).
    private static readonly TimeSpan LongestDebounce = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, DecisioningOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (options.Maps.Count == 0)
        {
            failures.Add("no map is configured: add one with AddMap(...) or under Decisioning:Maps");
        }

        if (options.ReloadDebounce < TimeSpan.Zero)
        {
            failures.Add($"ReloadDebounce is {options.ReloadDebounce}: it must not be negative");
        }
        else if (options.ReloadDebounce > LongestDebounce)
        {
            // Longer than a timer waits: the first change stopped the reload loop for good (logged
            // once, at that change). "1000" in configuration reads as 1000 days.
            failures.Add($"ReloadDebounce is {options.ReloadDebounce}: it must be at most {LongestDebounce} (a plain number is days)");
        }

        if (options.ShadowQueueCapacity < 1)
        {
            failures.Add($"ShadowQueueCapacity is {options.ShadowQueueCapacity}: it must be at least 1");
        }

        // Each worker is a thread of its own: a number from configuration far past any machine's
        // cores ("100000") would start that many threads before the first decision.
        if (options.ShadowWorkers is < 1 or > MaxShadowWorkers)
        {
            failures.Add($"ShadowWorkers is {options.ShadowWorkers}: it must be from 1 to {MaxShadowWorkers}");
        }

        if (options.ShadowIdleDelay <= TimeSpan.Zero || options.ShadowIdleDelay > TimeSpan.FromSeconds(1))
        {
            failures.Add($"ShadowIdleDelay is {options.ShadowIdleDelay}: it must be more than 0 and at most 1 second");
        }

        if (!Enum.IsDefined(options.ShadowQueueFullMode))
        {
            failures.Add($"ShadowQueueFullMode is {options.ShadowQueueFullMode}: it must be DropNewest, DropOldest or Wait");
        }

        foreach (var (mapId, map) in options.Maps.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!MapSyntax.IsId(mapId))
            {
                failures.Add($"'{mapId}' under Decisioning:Maps is not a map id: ids are kebab-case, [a-z0-9][a-z0-9-]*");
                continue;
            }

            if (string.IsNullOrWhiteSpace(map?.Path) && !sources.HasCustomSource(mapId))
            {
                failures.Add($"map '{mapId}' has neither a Path nor a source registered in code");
            }

            if (map?.Shadow is { } shadow && string.IsNullOrWhiteSpace(shadow.Path) && !sources.HasCustomShadowSource(mapId))
            {
                failures.Add($"the shadow of map '{mapId}' has neither a Path nor a source registered in code");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
