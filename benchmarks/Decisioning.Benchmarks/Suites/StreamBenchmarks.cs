using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Inputs;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// <c>evaluate</c> over 1 million lines against the System.Text.Json floor, same file, same run:
/// in this process (map load included; JIT and tiering done by the warm-up), and as its own
/// process, as a user runs it (start-up, JIT and map load included; its allocations are not
/// counted here). An operation takes seconds: run it with <c>--job Dry</c> (one iteration).
/// </summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private string _input = null!;
    private string _output = null!;

    [Params(1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = StreamFiles.Ensure(Lines);
        _output = Path.Combine(Path.GetTempPath(), $"decisioning-bench-out-{Environment.ProcessId}.jsonl");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark(Baseline = true)]
    public void Json_Floor() => StreamFiles.JsonFloor(_input, _output);

    [Benchmark]
    public void Decisioning_Evaluate() => StreamFiles.Evaluate(_input, _output);

    [Benchmark]
    public void Decisioning_EvaluateCli() => StreamFiles.EvaluateCli(_input, _output);
}
