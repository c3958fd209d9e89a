using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Decisioning.Hosting;

/// <summary>How a host learns its maps' adaptive models online (<see cref="AdaptiveLearningBuilderExtensions.UseAdaptiveLearning"/>).</summary>
public sealed class AdaptiveLearningOptions
{
    /// <summary>
    /// How often each served map's adaptive states are learned from the history and, when their
    /// counts changed, swapped in. Default 5 minutes. Learning reads the whole history, so on a
    /// large history choose an interval well above the time one learning takes
    /// (<c>decisioning.adaptive.learn.duration</c>).
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A folder where every state swapped in is written, as <c>MAP-HEX.json</c> (HEX the state's
    /// version), before any decision uses it: what <c>replay --maps</c> needs to decide a stored
    /// decision again with the state it was made with. Relative paths are from the current
    /// directory. Default null: states are not written, and such decisions replay as <c>map-missing</c>.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> for a bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(Interval));
        // The longest wait of Task.Delay (about 49.7 days): a longer interval threw out of the learning
        // loop after the first learning, and no state was learned again, not even after a reload.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interval, TimeSpan.FromMilliseconds(uint.MaxValue - 1), nameof(Interval));
    }
}

/// <summary>Learns the served maps' adaptive states now, outside the interval (after a batch of responses, or in tests).</summary>
public interface IAdaptiveLearning
{
    /// <summary>
    /// Writes what the history queue holds, learns every served map's adaptive states from the
    /// history at the current time, and swaps in those whose counts changed.
    /// </summary>
    /// <returns>How many maps got a new state.</returns>
    Task<int> LearnNowAsync(CancellationToken cancellationToken = default);
}

/// <summary>Online learning of adaptive propensity models (docs/adaptive.md, "Online, in a host").</summary>
public static class AdaptiveLearningBuilderExtensions
{
    /// <summary>
    /// Learns every served map's adaptive models from the interaction history (which must be
    /// attached too: <c>UseSqliteHistory</c>, <c>UsePostgresHistory</c> or <c>UseHistory</c>) when the
    /// engine starts and then every <see cref="AdaptiveLearningOptions.Interval"/>, exactly as
    /// <c>decisioning learn --db</c> would at that time, adds the map's own state files, and swaps the
    /// result in atomically, as a reload does. Decisions then name the state's version in their
    /// trace (<c>state</c>). A second call replaces the first.
    /// </summary>
    public static DecisioningBuilder UseAdaptiveLearning(this DecisioningBuilder builder, Action<AdaptiveLearningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new AdaptiveLearningOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;
        services.RemoveAll<AdaptiveLearningOptions>();
        services.AddSingleton(options);
        services.TryAddSingleton<AdaptiveLearning>();
        services.TryAddSingleton<IAdaptiveLearning>(sp => sp.GetRequiredService<AdaptiveLearning>());
        return builder;
    }
}
