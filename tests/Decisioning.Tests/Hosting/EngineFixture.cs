using System.Diagnostics.Metrics;
using Decisioning.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Decisioning.Tests.Hosting;

/// <summary>A container with AddDecisioning, fake logging and its own meter factory, for one test.</summary>
internal sealed class EngineFixture : IDisposable
{
    public EngineFixture(Action<DecisioningBuilder> configure, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddFakeLogging();
        collection.AddMetrics();
        services?.Invoke(collection);
        collection.AddDecisioning(configure);
        Provider = collection.BuildServiceProvider();
    }

    public ServiceProvider Provider { get; }

    public IDecisionEngine Engine => Provider.GetRequiredService<IDecisionEngine>();

    /// <summary>Makes the engine now, as a host's start does: the maps load and watching begins.</summary>
    public EngineFixture Started()
    {
        _ = Engine;
        return this;
    }

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public IEnumerable<FakeLogRecord> LogsOf(string eventName) =>
        Logs.GetSnapshot().Where(r => r.Id.Name == eventName);

    /// <summary>A collector of one instrument of this container's <c>Decisioning</c> meter.</summary>
    public MetricCollector<T> Collect<T>(string instrument)
        where T : struct =>
        new(Provider.GetRequiredService<IMeterFactory>(), Decisioning.Telemetry.DecisioningTelemetry.MeterName, instrument);

    public static void WaitUntil(Func<bool> condition, string what, int timeoutMs = 15000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting until {what}");
            Thread.Sleep(10);
        }
    }

    public void Dispose() => Provider.Dispose();
}
