using System.Diagnostics.Metrics;
using Decisioning.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Decisioning.Hosting;

/// <summary>Registers Decisioning in a host's container.</summary>
public static class DecisioningServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="IDecisionEngine"/> serving the maps configured by
    /// <paramref name="configure"/> and by the <c>Decisioning</c> configuration section (applied
    /// after the code, so it can override a path). The options' shape is validated at start, then
    /// every map loads in the hosted service's <c>StartAsync</c>: an invalid map stops the host with a
    /// <see cref="MapLoadException"/> listing every diagnostic. May be called more than once;
    /// registrations add up.
    /// </summary>
    public static IServiceCollection AddDecisioning(this IServiceCollection services, Action<DecisioningBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(Marker)))
        {
            AddCore(services);
        }

        configure?.Invoke(new DecisioningBuilder(services));
        return services;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddSingleton<Marker>();
        services.AddOptions<DecisioningOptions>()
            .PostConfigure<IServiceProvider>(BindConfiguration)
            .ValidateOnStart();
        services.AddOptions<DecisioningRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DecisioningOptions>, DecisioningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DecisioningLogger>();
        services.TryAddSingleton(sp => new DecisioningMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<MapSourceFactory>();
        services.TryAddSingleton<MapVersionLoader>();
        services.TryAddSingleton<EngineStarter>();
        services.TryAddSingleton<IDecisionEngine>(sp => sp.GetRequiredService<EngineStarter>().GetOrStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EngineStartup>());
    }

    // After the code's Configure calls, so that configuration wins; without an IConfiguration in
    // the container (a bare ServiceCollection) there is nothing to bind.
    private static void BindConfiguration(DecisioningOptions options, IServiceProvider services)
    {
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            configuration.GetSection(DecisioningOptions.SectionName).Bind(options);
        }
    }

    private sealed class Marker;
}
