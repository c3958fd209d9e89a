using Decisioning.Hosting;
using Decisioning.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Decisioning.RulesEngine.Tests;

/// <summary>
/// A retail map offering an equity fund, a credit card and a deposit to everyone, served from a
/// temporary folder that also holds the workflow files.
/// </summary>
internal sealed class BankMap : IDisposable
{
    public const string Text = """
        map: bank
        version: "b1"
        customer:
          fields:
            name: string
            age: int
            riskLevel: int
            income: decimal?
        tiers:
          - { id: wealth, when: "income >= 500000" }
        products:
          - { id: equity-fund, value: 500 }
          - { id: credit-card, value: 300 }
          - { id: time-deposit, value: 100 }
        channels:
          - { id: rm-call }
          - { id: app-push }
        strategies:
          - { id: equity, target: [all], product: equity-fund, channels: [rm-call], priority: 100, propensity: 1 }
          - { id: card, target: [all], product: credit-card, channels: [app-push], priority: 100, propensity: 1 }
          - { id: deposit, target: [all], product: time-deposit, channels: [app-push], priority: 100, propensity: 1 }
        arbitration:
          maxActions: 3
        """;

    public static readonly DateTimeOffset At = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly Action<DecisioningBuilder> _configure;
    private readonly bool _watch;
    private ServiceProvider? _provider;

    public BankMap(Action<DecisioningBuilder> configure, bool watch = false)
    {
        Folder = Path.Combine(Path.GetTempPath(), "decisioning-rulesengine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "map.yaml"), Text);
        _configure = configure;
        _watch = watch;
    }

    public string Folder { get; }

    /// <summary>The container, built on first use so that tests can write workflow files first.</summary>
    public ServiceProvider Provider => _provider ??= Build();

    public IDecisionEngine Engine => Provider.GetRequiredService<IDecisionEngine>();

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    /// <summary>Writes a workflow file whole (write, then rename), as deployment tools do; returns its path.</summary>
    public string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        var scratch = path + ".tmp";
        File.WriteAllText(scratch, json);
        File.Move(scratch, path, overwrite: true);
        return path;
    }

    public Decisioning.Evaluation.Decision Decide(int riskLevel = 3, int age = 40, decimal? income = 100000, string name = "王女士") =>
        Engine.Decide("bank", Customer(riskLevel, age, income, name), At);

    public static CustomerSnapshot Customer(int riskLevel = 3, int age = 40, decimal? income = 100000, string name = "王女士") =>
        CustomerSnapshot.FromDictionary(new Dictionary<string, object?>
        {
            ["customerId"] = "C1", ["name"] = name, ["age"] = age, ["riskLevel"] = riskLevel, ["income"] = income,
        });

    public void Dispose()
    {
        _provider?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection().AddFakeLogging();
        services.AddDecisioning(b => _configure(b.AddMap("bank", Path.Combine(Folder, "map.yaml")).Configure(o =>
        {
            o.WatchForChanges = _watch;
            o.ReloadDebounce = TimeSpan.FromMilliseconds(50);
        })));
        return services.BuildServiceProvider();
    }
}
