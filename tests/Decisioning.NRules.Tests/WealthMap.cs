using Decisioning.Hosting;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Decisioning.NRules.Tests;

/// <summary>A map offering an investment fund, a riskier one and a deposit, and a container that serves it.</summary>
internal sealed class WealthMap : IDisposable
{
    public const string Text = """
        map: wealth
        version: "w1"
        customer:
          fields:
            name: string
            age: int
            riskLevel: int
        products:
          - { id: pension-fund, value: 300 }
          - { id: equity-fund, value: 500 }
          - { id: time-deposit, value: 100 }
        channels:
          - { id: app-push }
          - { id: rm-call }
        strategies:
          - { id: pension, target: [all], product: pension-fund, channels: [app-push], priority: 100, propensity: 1 }
          - { id: equity, target: [all], product: equity-fund, channels: [rm-call], priority: 100, propensity: 1 }
          - { id: deposit, target: [all], product: time-deposit, channels: [app-push], priority: 100, propensity: 1 }
        arbitration:
          maxActions: 3
        """;

    public static readonly DateTimeOffset At = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public WealthMap(Action<DecisioningBuilder> configure, Action<IServiceCollection>? services = null, string text = Text)
    {
        Folder = Path.Combine(Path.GetTempPath(), "decisioning-nrules-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File.WriteAllText(MapFile, text);
        var collection = new ServiceCollection().AddFakeLogging();
        services?.Invoke(collection);
        collection.AddDecisioning(b => configure(b.AddMap("wealth", MapFile).Configure(o => o.WatchForChanges = false)));
        Provider = collection.BuildServiceProvider();
    }

    public string Folder { get; }

    public string MapFile => Path.Combine(Folder, "map.yaml");

    public ServiceProvider Provider { get; }

    public IDecisionEngine Engine => Provider.GetRequiredService<IDecisionEngine>();

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public static CustomerSnapshot Customer(int riskLevel, int age = 40, string id = "C1") =>
        CustomerSnapshot.FromDictionary(new Dictionary<string, object?>
        {
            ["customerId"] = id, ["name"] = "王女士", ["age"] = age, ["riskLevel"] = riskLevel,
        });

    public void Dispose()
    {
        Provider.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
