using Decisioning.Evaluation;
using Decisioning.Runtime;

namespace Decisioning.Hosting;

/// <summary>
/// What the builder registers in code and configuration cannot hold: map sources, policies and
/// host propensity models. Kept apart from <see cref="DecisioningOptions"/> so that those stay
/// plain, bindable values.
/// </summary>
internal sealed class DecisioningRegistry
{
    public Dictionary<string, Func<IServiceProvider, IMapSource>> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources of shadows registered in code, by the served map's id.</summary>
    public Dictionary<string, Func<IServiceProvider, IMapSource>> ShadowSources { get; } = new(StringComparer.Ordinal);

    public List<Func<IServiceProvider, IShadowObserver>> ShadowObservers { get; } = [];

    public List<Func<DecisionPolicyContext, IDecisionPolicy?>> Policies { get; } = [];

    public Dictionary<string, Func<IServiceProvider, IPropensityModel>> Models { get; } = new(StringComparer.Ordinal);
}
