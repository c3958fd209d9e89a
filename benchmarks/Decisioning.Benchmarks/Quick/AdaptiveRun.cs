using System.Diagnostics;
using System.Globalization;
using System.Text;
using Decisioning.Adaptive;
using Decisioning.Benchmarks.Inputs;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Benchmarks.Quick;

/// <summary>
/// <c>--adaptive</c>: the sample map's three model-scored strategies with two adaptive models
/// (a learned state, predictors always used) against the same map with constant propensities,
/// <c>DecideInto</c> side by side in one process (rounds interleaved, the best of each counting);
/// then <c>decisioning learn</c> over 1,000,000 contacts (files generated in the temporary folder).
/// </summary>
public static class AdaptiveRun
{
    private const string Models = """
        models:
          - id: pension-scorecard
            kind: adaptive
            predictors: { age: [30, 45, 60], isRetiree: bool, riskLevel: [2, 3, 4, 5], tier: category, city: category }
            minEvidence: 0
          - id: sip-scorecard
            kind: adaptive
            predictors: { digitalLogins30d: [5, 10, 20], riskLevel: [2, 3, 4, 5], appActive30d: bool, stage: category, city: category }
            minEvidence: 0
        """;

    public static int Run(string[] args, TextWriter output)
    {
        var work = Path.Combine(Path.GetTempPath(), $"decisioning-bench-adaptive-{Environment.ProcessId}");
        try
        {
            var constant = Variant(work, "constant", catalogue => catalogue[..catalogue.IndexOf("models:", StringComparison.Ordinal)],
                strategies => strategies.Replace("{ model: pension-scorecard }", "0.12", StringComparison.Ordinal)
                    .Replace("{ model: sip-scorecard }", "0.2", StringComparison.Ordinal));
            var adaptivePath = Variant(work, "adaptive", catalogue => catalogue[..catalogue.IndexOf("models:", StringComparison.Ordinal)] + Models, s => s);
            var state = Learned(Samples.Load(adaptivePath, cached: false), work);
            File.WriteAllText(Path.Combine(adaptivePath, "catalogue.yaml"),
                File.ReadAllText(Path.Combine(adaptivePath, "catalogue.yaml")).Replace("minEvidence: 0", "minEvidence: 0\n    state: state.json", StringComparison.Ordinal));
            AdaptiveStateJson.WriteFile(state, Path.Combine(adaptivePath, "state.json"));

            var constantPlan = Samples.Load(constant);
            var adaptivePlan = Samples.Load(adaptivePath);
            var adaptiveCount = adaptivePlan.Strategies.Count(s => s.Propensity is AdaptivePropensity { Mature: true });
            output.WriteLine($"sample map, {adaptivePlan.Strategies.Count} strategies: {adaptiveCount} decide with an adaptive model (2 models, learned from {state.Instances.Values.Sum(i => i.Evidence):N0} interactions)");
            var a = Decider(constantPlan);
            var b = Decider(adaptivePlan);
            var best = (Constant: (Microseconds: double.MaxValue, Bytes: 0.0), Adaptive: (Microseconds: double.MaxValue, Bytes: 0.0));
            for (var round = 0; round < 3; round++)
            {
                var m = QuickRun.Time(a);
                best.Constant = m.Microseconds < best.Constant.Microseconds ? m : best.Constant;
                m = QuickRun.Time(b);
                best.Adaptive = m.Microseconds < best.Adaptive.Microseconds ? m : best.Adaptive;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"DecideInto constant propensities {best.Constant.Microseconds,8:F3} us/decision {best.Constant.Bytes,6:F0} B"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"DecideInto adaptive models       {best.Adaptive.Microseconds,8:F3} us/decision {best.Adaptive.Bytes,6:F0} B  ({100 * (best.Adaptive.Microseconds / best.Constant.Microseconds - 1):+0.0;-0.0}%)"));

            if (!args.Contains("--no-learn"))
            {
                LearnMillion(work, output);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // The sample map copied, its catalogue and strategies rewritten.
    private static string Variant(string work, string name, Func<string, string> catalogue, Func<string, string> strategies)
    {
        var folder = Path.Combine(work, name);
        Directory.CreateDirectory(Path.Combine(folder, "lists"));
        foreach (var file in Directory.EnumerateFiles(Samples.MapPath, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(folder, Path.GetRelativePath(Samples.MapPath, file)));
        }

        Rewrite(Path.Combine(folder, "catalogue.yaml"), catalogue);
        Rewrite(Path.Combine(folder, "strategies.yaml"), strategies);
        return folder;
    }

    private static void Rewrite(string path, Func<string, string> change) => File.WriteAllText(path, change(File.ReadAllText(path)));

    private static Func<object> Decider(DecisionPlan plan)
    {
        var customers = Samples.Pick(plan, Profile.Mixed);
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var next = 0;
        return () =>
        {
            next = (next + 1) % customers.Length;
            evaluator.DecideInto(customers[next], Samples.At, buffer);
            return buffer;
        };
    }

    // A state learned from the sample customers' decisions, each action converting with probability 0.1.
    private static AdaptiveState Learned(DecisionPlan plan, string work)
    {
        var (decisions, snapshots, outcomes) = Files(plan, work);
        return FileLearning.Learn(plan, File.ReadLines(decisions), File.ReadLines(snapshots), File.ReadLines(outcomes), Samples.At.AddDays(60)).State;
    }

    private const string LearnMap = """
        map: learn-bench
        version: "1"
        customer:
          fields: { age: int, aum: decimal, isRetiree: bool, digital: bool, city: string? }
        tiers:
          - { id: wealth, when: aum >= 500000 }
          - { id: mass, when: "true" }
        products:
          - { id: pension, value: 1 }
          - { id: card, value: 1 }
          - { id: wealth, value: 1 }
          - { id: deposit, value: 1 }
        channels:
          - { id: app }
        strategies:
          - { id: pension-offer, product: pension, channels: [app], propensity: { model: offer-adaptive } }
          - { id: card-offer, product: card, channels: [app], propensity: { model: offer-adaptive } }
          - { id: wealth-offer, product: wealth, channels: [app], propensity: { model: offer-adaptive } }
          - { id: deposit-offer, product: deposit, channels: [app], propensity: { model: offer-adaptive } }
        models:
          - id: offer-adaptive
            kind: adaptive
            predictors: { age: [35, 45, 55, 60], isRetiree: bool, digital: bool, tier: category, city: category }
            window: 6d
            positive: [converted]
        """;

    // `learn` over 1,000,000 contacts: 250,000 customers decided in four weekly rounds (one action
    // each, the offer drawn at random), one in ten converting within six days.
    private static void LearnMillion(string work, TextWriter output)
    {
        const int customers = 250_000, weeks = 4;
        var map = Path.Combine(work, "learn-bench.yaml");
        File.WriteAllText(map, LearnMap);
        string[] offers = ["pension", "card", "wealth", "deposit"];
        string?[] cities = ["上海", "北京", "深圳", "成都", null];
        var random = new Random(20261205);
        var (decisions, snapshots, outcomes) = (Path.Combine(work, "decisions.jsonl"), Path.Combine(work, "snapshots.jsonl"), Path.Combine(work, "outcomes.jsonl"));
        using (var d = new StreamWriter(decisions, false, new UTF8Encoding(false)))
        using (var s = new StreamWriter(snapshots, false, new UTF8Encoding(false)))
        using (var o = new StreamWriter(outcomes, false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < customers; i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"L{i:D7}");
                var aum = random.NextDouble() < 0.1 ? 900_000 : random.Next(0, 400_000);
                var city = cities[random.Next(cities.Length)] is { } c ? $"\"{c}\"" : "null";
                s.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"customerId":"{{id}}","age":{{random.Next(22, 78)}},"aum":{{aum}},"isRetiree":{{(random.NextDouble() < 0.2 ? "true" : "false")}},"digital":{{(random.NextDouble() < 0.5 ? "true" : "false")}},"city":{{city}}}"""));
                for (var week = 0; week < weeks; week++)
                {
                    var at = Samples.At.AddDays(7 * week);
                    var offer = offers[random.Next(offers.Length)];
                    d.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $$"""{"customerId":"{{id}}","map":"learn-bench","version":"1","at":"{{DecisionJson.FormatInstant(at)}}","tier":"{{(aum >= 500_000 ? "wealth" : "mass")}}","actions":[{"rank":1,"strategy":"{{offer}}-offer","product":"{{offer}}","channel":"app"}]}"""));
                    if (random.NextDouble() < 0.1)
                    {
                        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $$"""{"customerId":"{{id}}","at":"{{DecisionJson.FormatInstant(at.AddHours(random.Next(1, 144)))}}","strategy":"{{offer}}-offer","product":"{{offer}}","kind":"converted"}"""));
                    }
                }
            }
        }

        var sizes = string.Join(", ", new[] { decisions, snapshots, outcomes }.Select(f => $"{new FileInfo(f).Length / 1e6:F0} MB"));
        var state = Path.Combine(work, "learned.json");
        var watch = Stopwatch.StartNew();
        var exit = Cli.Program.Run(["learn", map, "--decisions", decisions, "--snapshots", snapshots, "--outcomes", outcomes,
            "--at", "2027-01-31T00:00:00Z", "--out", state], TextWriter.Null, output);
        watch.Stop();
        var learned = AdaptiveStateJson.Read(File.ReadAllText(state), out _)!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"learn over {learned.Instances.Values.Sum(i => i.Evidence):N0} interactions (files {sizes}): {watch.Elapsed.TotalSeconds:F1} s, exit {exit}, peak working set of the process {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
    }

    private static bool Adaptive(DecisionPlan plan, string strategy) => plan.Strategies.First(s => s.Id == strategy).Propensity is AdaptivePropensity;

    // The sample customers decided once: decision lines, snapshot lines and outcomes (one action in ten converting).
    private static (string Decisions, string Snapshots, string Outcomes) Files(DecisionPlan plan, string work)
    {
        var evaluator = new Evaluator(plan);
        var reader = new SnapshotReader(plan);
        var lines = File.ReadLines(Samples.CustomersPath).ToList();
        var decided = lines.Select(l => (Line: l, Decision: reader.Read(l).Customer is { } c ? evaluator.Decide(c, Samples.At) : null))
            .Where(x => x.Decision is not null && x.Decision.Actions.Any(a => Adaptive(plan, a.Strategy))).ToList();
        var random = new Random(20261205);
        var paths = (Path.Combine(work, "state-decisions.jsonl"), Path.Combine(work, "state-snapshots.jsonl"), Path.Combine(work, "state-outcomes.jsonl"));
        using var decisions = new StreamWriter(paths.Item1, false, new UTF8Encoding(false));
        using var snapshots = new StreamWriter(paths.Item2, false, new UTF8Encoding(false));
        using var outcomes = new StreamWriter(paths.Item3, false, new UTF8Encoding(false));
        foreach (var (line, decision) in decided)
        {
            decisions.WriteLine(DecisionJson.ToJson(decision!));
            snapshots.WriteLine(line);
            foreach (var action in decision!.Actions.Where(a => Adaptive(plan, a.Strategy) && random.NextDouble() < 0.1))
            {
                outcomes.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"customerId":"{{decision.CustomerId}}","at":"{{DecisionJson.FormatInstant(Samples.At.AddDays(1))}}","strategy":"{{action.Strategy}}","product":"{{action.Product}}","kind":"converted"}"""));
            }
        }

        return paths;
    }
}
