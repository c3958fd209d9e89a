using Decisioning.Batch;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary>The sample map and customers (samples/README.md), batched once for the class.</summary>
public sealed class SampleBatchFixture : IDisposable
{
    public static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    public SampleBatchFixture()
    {
        var loaded = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        Plan = loaded.Plan!;
        Lines = File.ReadAllLines(TestPaths.Repo("samples", "customers.jsonl"));
        Summary = BatchRunner.Run(Plan, Lines, At, Output.Path);
    }

    public DecisionPlan Plan { get; }

    public string[] Lines { get; }

    public BatchFolder Output { get; } = new();

    public BatchSummary Summary { get; }

    public void Dispose() => Output.Dispose();
}
