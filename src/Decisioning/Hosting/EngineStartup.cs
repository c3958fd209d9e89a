using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Decisioning.Hosting;

/// <summary>
/// Makes the engine when a host starts, after the options were validated, so that maps are
/// watched from the start and the first request does not pay for the engine.
/// </summary>
internal sealed class EngineStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IDecisionEngine>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
