using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Decisioning.Hosting;

/// <summary>
/// Configures what <c>AddDecisioning</c> serves: maps, the policy gate's policies and host
/// propensity models. Each call only records a registration; everything is built and validated
/// when the host starts.
/// </summary>
public sealed class DecisioningBuilder
{
    internal DecisioningBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services, for extensions (such as the NRules adapter) to add to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Serves the map in a file or folder, reloaded when it changes.</summary>
    /// <param name="mapId">The map's id, as its <c>map:</c> key says.</param>
    /// <param name="path">A file or folder; relative to the host's content root.</param>
    public DecisioningBuilder AddMap(string mapId, string path)
    {
        CheckId(mapId, nameof(mapId));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.Configure<DecisioningOptions>(o => o.Maps[mapId] = new MapOptions { Path = path });
        return this;
    }

    /// <summary>
    /// Serves a map from a source of the host's own (a database, a blob store). The engine owns the
    /// source the factory returns and disposes it with itself when it is <see cref="IDisposable"/>.
    /// </summary>
    public DecisioningBuilder AddMap(string mapId, Func<IServiceProvider, IMapSource> source)
    {
        CheckId(mapId, nameof(mapId));
        ArgumentNullException.ThrowIfNull(source);
        Services.Configure<DecisioningOptions>(o => o.Maps.TryAdd(mapId, new MapOptions()));
        Services.Configure<DecisioningRegistry>(r => r.Sources[mapId] = source);
        return this;
    }

    /// <summary>
    /// Runs a challenger version of map <paramref name="mapId"/> in its shadow: the file or folder at
    /// <paramref name="path"/> (its <c>map:</c> key is <paramref name="mapId"/>) decides every snapshot
    /// the served map decides, at the same time, on a background worker after the caller has its
    /// decision; it is never served. It loads at start and reloads like any map;
    /// <see cref="IDecisionEngine.PromoteShadowAsync"/> makes it the served version.
    /// </summary>
    public DecisioningBuilder AddShadow(string mapId, string path)
    {
        CheckId(mapId, nameof(mapId));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.Configure<DecisioningOptions>(o =>
        {
            o.Maps.TryAdd(mapId, new MapOptions());
            o.Maps[mapId].Shadow = new ShadowOptions { Path = path };
        });
        return this;
    }

    /// <summary>Runs a shadow of map <paramref name="mapId"/> from a source of the host's own (see <see cref="AddShadow(string, string)"/>).</summary>
    public DecisioningBuilder AddShadow(string mapId, Func<IServiceProvider, IMapSource> source)
    {
        CheckId(mapId, nameof(mapId));
        ArgumentNullException.ThrowIfNull(source);
        Services.Configure<DecisioningOptions>(o =>
        {
            o.Maps.TryAdd(mapId, new MapOptions());
            o.Maps[mapId].Shadow ??= new ShadowOptions();
        });
        Services.Configure<DecisioningRegistry>(r => r.ShadowSources[mapId] = source);
        return this;
    }

    /// <summary>Gives every shadow decision to <paramref name="observer"/>, on the shadow worker (see <see cref="IShadowObserver"/>).</summary>
    public DecisioningBuilder AddShadowObserver(IShadowObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Services.Configure<DecisioningRegistry>(r => r.ShadowObservers.Add(_ => observer));
        return this;
    }

    /// <summary>Gives every shadow decision to an observer resolved from the container (registered as a singleton when it is not yet).</summary>
    public DecisioningBuilder AddShadowObserver<TObserver>()
        where TObserver : class, IShadowObserver
    {
        Services.TryAddSingleton<TObserver>();
        Services.Configure<DecisioningRegistry>(r => r.ShadowObservers.Add(services => services.GetRequiredService<TObserver>()));
        return this;
    }

    /// <summary>Adds a policy, shared by every map and version. Policies review in the order added.</summary>
    public DecisioningBuilder AddPolicy(IDecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return AddPolicy(_ => policy);
    }

    /// <summary>Adds a policy resolved from the container (registered as a singleton when it is not yet).</summary>
    public DecisioningBuilder AddPolicy<TPolicy>()
        where TPolicy : class, IDecisionPolicy
    {
        Services.TryAddSingleton<TPolicy>();
        return AddPolicy(context => context.Services.GetRequiredService<TPolicy>());
    }

    /// <summary>
    /// Adds a policy made once per map version by <paramref name="factory"/>, off the decision path;
    /// the factory returns null for maps it does not apply to. A factory that throws fails that
    /// version's load: the error is logged and the serving version stays.
    /// </summary>
    public DecisioningBuilder AddPolicy(Func<DecisionPolicyContext, IDecisionPolicy?> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Configure<DecisioningRegistry>(r => r.Policies.Add(factory));
        return this;
    }

    /// <summary>Supplies the <c>kind: host</c> model <paramref name="modelId"/> (spec section 8) to every map.</summary>
    public DecisioningBuilder AddPropensityModel(string modelId, IPropensityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AddPropensityModel(modelId, _ => model);
    }

    /// <summary>Supplies a host model made from the container once, when the engine starts.</summary>
    public DecisioningBuilder AddPropensityModel(string modelId, Func<IServiceProvider, IPropensityModel> factory)
    {
        CheckId(modelId, nameof(modelId));
        ArgumentNullException.ThrowIfNull(factory);
        Services.Configure<DecisioningRegistry>(r => r.Models[modelId] = factory);
        return this;
    }

    /// <summary>Changes the options in code (configuration is applied after).</summary>
    public DecisioningBuilder Configure(Action<DecisioningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    private static void CheckId(string id, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameter);
        if (!MapSyntax.IsId(id))
        {
            throw new ArgumentException($"'{id}' is not an id: ids are kebab-case, [a-z0-9][a-z0-9-]*", parameter);
        }
    }
}
