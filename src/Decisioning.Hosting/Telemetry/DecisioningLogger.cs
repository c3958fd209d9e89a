using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Decisioning.Telemetry;

/// <summary>
/// The library's logger, in the <c>Decisioning</c> category. Logging is optional: without an
/// <see cref="ILoggerFactory"/> in the container nothing is written (and none is registered, so a
/// later <c>AddLogging</c> still takes effect).
/// </summary>
internal sealed class DecisioningLogger(IServiceProvider services)
{
    public ILogger Logger { get; } =
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(DecisioningTelemetry.LogCategory);
}
