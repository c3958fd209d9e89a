using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Cli.Import;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using RulesEngine.Models;

namespace Decisioning.Benchmarks.Suites;

/// <summary>
/// The policy gate's cost per decision on the sample map: a RulesEngine workflow of six KYC rules
/// at the policy gate (<c>Decisioning.RulesEngine</c>, run for every candidate), against the same
/// workflow converted by <c>decisioning import rulesengine</c> into six segments of the map
/// (evaluated once per decision), against the map alone. Setup checks that the two agree: for
/// every customer with candidates, the policy vetoes them all exactly when the customer misses a
/// converted segment.
/// </summary>
[MemoryDiagnoser]
public class PolicyGateBenchmarks
{
    /// <summary>KYC-style rules over the sample map's fields, written as a RulesEngine team would.</summary>
    public const string Workflow = """
        {"WorkflowName": "kyc", "Rules": [
          {"RuleName": "Adult", "ErrorMessage": "under 18", "Expression": "customer.age >= 18"},
          {"RuleName": "RiskAssessed", "ErrorMessage": "no risk assessment", "Expression": "customer.riskLevel >= 1 AND customer.riskLevel <= 5"},
          {"RuleName": "Reachable", "ErrorMessage": "no way to reach", "Expression": "customer.hasPhone OR customer.appActive30d OR customer.wechatBound"},
          {"RuleName": "NotDormant", "ErrorMessage": "dormant", "Expression": "customer.daysSinceLastTxn < 720"},
          {"RuleName": "Named", "ErrorMessage": "no name", "Expression": "customer.name != null && customer.name.Length > 0"},
          {"RuleName": "AssetsKnown", "ErrorMessage": "negative assets", "Expression": "customer.aum >= 0 && customer.aumPeak12m >= customer.aum * 0.5"}
        ]}
        """;

    private CustomerRecord[] _customers = null!;
    private CustomerRecord[] _convertedCustomers = null!;
    private Evaluator _plain = null!;
    private Evaluator _policy = null!;
    private Evaluator _converted = null!;
    private int _next;

    [Params(Profile.Pass, Profile.Mixed)]
    public Profile Profile { get; set; } = Profile.Mixed;

    [GlobalSetup]
    public void Setup()
    {
        var plan = Samples.Load(Samples.MapPath);
        _customers = Samples.Pick(plan, Profile);
        _plain = new Evaluator(plan);
        _policy = new Evaluator(plan, [Decisioning.RulesEngine.RulesEnginePolicy.Create(plan, [JsonSerializer.Deserialize<Workflow>(Workflow)!])]);
        var (convertedPlan, segments) = Converted();
        _converted = new Evaluator(convertedPlan);
        _convertedCustomers = Samples.Pick(convertedPlan, Profile);
        Check(segments);
    }

    [Benchmark(Baseline = true)]
    public object Map_Alone() => _plain.Decide(_customers[Next()], Samples.At);

    [Benchmark]
    public object Map_ConvertedSegments() => _converted.Decide(_convertedCustomers[Next()], Samples.At);

    [Benchmark]
    public object Map_RulesEnginePolicy() => _policy.Decide(_customers[Next()], Samples.At);

    private int Next() => _next = (_next + 1) % _customers.Length;

    /// <summary>The sample map's files plus one file holding the converted segments, loaded as one folder map.</summary>
    private static (DecisionPlan Plan, IReadOnlyList<string> Segments) Converted()
    {
        var result = RulesEngineImporter.Import("kyc.json", Encoding.UTF8.GetBytes(Workflow));
        if (result.HasErrors || result.Rules.Count != result.RuleCount)
        {
            throw new InvalidOperationException("the benchmark workflow does not convert: " + string.Join("; ", result.Diagnostics));
        }

        var folder = Path.Combine(Path.GetTempPath(), $"decisioning-bench-policy-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Samples.MapPath, "*.yaml"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        CopyFolder(Path.Combine(Samples.MapPath, "lists"), Path.Combine(folder, "lists"));
        var yaml = new StringBuilder("segments:\n");
        foreach (var rule in result.Rules)
        {
            yaml.Append("  - id: kyc-").Append(rule.SegmentId).Append('\n')
                .Append("    when: ").Append(JsonSerializer.Serialize(rule.Condition)).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "kyc.yaml"), yaml.ToString());
        return (Samples.Load(folder), [.. result.Rules.Select(r => "kyc-" + r.SegmentId)]);
    }

    private void Check(IReadOnlyList<string> segments)
    {
        for (var i = 0; i < _customers.Length; i++)
        {
            var plain = _plain.Decide(_customers[i], Samples.At);
            var vetoed = _policy.Decide(_customers[i], Samples.At).Trace.Count(t => t.Reason == ReasonCodes.Policy);
            var candidates = plain.Trace.Count(t => t.Reason is null or ReasonCodes.Arbitration);
            var inAll = segments.All(_converted.Decide(_convertedCustomers[i], Samples.At).Segments.Contains);
            if (candidates > 0 && (vetoed == candidates) == inAll)
            {
                throw new InvalidOperationException($"customer {_customers[i].Id}: the policy vetoed {vetoed} of {candidates} candidates, yet the converted segments say {(inAll ? "all pass" : "one fails")}");
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
