using Decisioning.History;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Decisioning.Recording;

namespace Decisioning.Hosting;

/// <summary>
/// Attaches an interaction history (spec section 13) to the engine: every decision reads the
/// customer's contacts and responses from it, and its decision and offers are queued for it.
/// The SQLite and PostgreSQL packages add <c>UseSqliteHistory</c> and <c>UsePostgresHistory</c> on top.
/// </summary>
public static class HistoryBuilderExtensions
{
    /// <summary>
    /// Uses the store <paramref name="store"/> makes (once, owned and disposed by the container).
    /// Registers <see cref="IHistoryRecorder"/> for the host's contacts and responses; stopping the
    /// host writes what is queued. A second call replaces the first.
    /// </summary>
    public static DecisioningBuilder UseHistory(this DecisioningBuilder builder, Func<IServiceProvider, IInteractionHistory> store,
        Action<HistoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        var options = new HistoryOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;
        services.RemoveAll<IInteractionHistory>();
        services.RemoveAll<HistoryRecorder>();
        services.AddSingleton(store);
        services.AddSingleton(sp => new HistoryRecorder(sp.GetRequiredService<IInteractionHistory>(), options,
            sp.GetRequiredService<DecisioningLogger>().Logger));
        services.TryAddSingleton<IHistoryRecorder>(sp => sp.GetRequiredService<HistoryRecorder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HistoryShutdown>());
        return builder;
    }

    /// <summary>Uses an in-memory history (tests, or a loop within one process's life).</summary>
    public static DecisioningBuilder UseInMemoryHistory(this DecisioningBuilder builder, Action<HistoryOptions>? configure = null) =>
        builder.UseHistory(_ => new InMemoryHistory(), configure);

    // Stopped before the engine (hosted services stop in reverse order): lets the shadows finish
    // what they hold first (their decisions are recorded too), then writes the queue within the
    // host's shutdown time.
    private sealed class HistoryShutdown(HistoryRecorder recorder, EngineStarter starter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            starter.StopShadows(TimeSpan.FromSeconds(5));
            return recorder.StopAsync(cancellationToken);
        }
    }
}
