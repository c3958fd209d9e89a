using Microsoft.Extensions.Hosting;

namespace Decisioning.Hosting;

/// <summary>
/// Loads every map when the host starts, asynchronously and before anything is served, so that a
/// bad map stops the host with every diagnostic, maps are watched from the start, and the first
/// request does not pay for the loads.
/// </summary>
internal sealed class EngineStartup(EngineStarter starter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => starter.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
