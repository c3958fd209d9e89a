using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Decisioning.Diagnostics;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Xunit;
using Xunit.Abstractions;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Hardening.Fuzz;

/// <summary>
/// The fuzzing harness: FsCheck-driven properties that generate hostile maps, templates,
/// expressions and snapshots (<see cref="Hostile"/>) and hold the engine to one promise: a
/// diagnostic with a code and a position, or a decision, or an error record; within a time and a
/// memory bound (<see cref="FuzzBudget"/>); never a crash. Each property runs for a few seconds in
/// CI; <c>DECISIONING_FUZZ_SECONDS</c> runs it longer by hand (docs/testing.md).
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly HashSet<string> ErrorCodes = typeof(SnapshotErrorCodes)
        .GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    // The folder the generated maps live in, with the one list file they may name.
    private readonly string _folder = CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("decisioning-fuzz-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "lists"));
        File.WriteAllText(Path.Combine(folder, "lists", "vip.csv"), "C1\n");
        return folder;
    }

    // How many generated maps loaded: a harness whose maps never load would never reach evaluation.
    private int _loaded;

    private LoadResult Load(string yaml)
    {
        var result = MapLoader.LoadText(yaml, Path.Combine(_folder, "map.yaml"));
        AssertDiagnosticsAreWellFormed(result);
        if (result.Success)
        {
            Interlocked.Increment(ref _loaded);
        }

        return result;
    }

    private static void AssertDiagnosticsAreWellFormed(LoadResult result)
    {
        foreach (var d in result.Diagnostics)
        {
            Assert.Matches(DiagnosticCode(), d.Code);
            Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
            Assert.False(string.IsNullOrWhiteSpace(d.Message), d.ToString());
        }

        Assert.True(result.Success || result.Diagnostics.Any(d => d.Severity == Severity.Error), "a map refused without an error");
        Assert.Equal(result.Success, result.Plan is not null);
    }

    // One line in, one JSON object out: a decision, or an error record with a documented code.
    private static void AssertDecidesOrRecords(DecisionPlan plan, byte[] snapshot, DateTimeOffset at)
    {
        var reader = new SnapshotReader(plan);
        var (customer, error) = reader.Read(snapshot);
        Assert.True((customer is null) != (error is null));
        if (error is not null)
        {
            Assert.Contains(error.Code, ErrorCodes);
            return;
        }

        var written = new ArrayBufferWriter<byte>();
        new LineDecider(plan).Decide(Encoding.UTF8.GetString(snapshot), at, written);
        using var line = JsonDocument.Parse(written.WrittenMemory);
        var root = line.RootElement;
        if (root.TryGetProperty("error", out var record))
        {
            Assert.Contains(record.GetProperty("code").GetString()!, ErrorCodes);
        }
        else
        {
            Assert.Equal(JsonValueKind.Array, root.GetProperty("actions").ValueKind);
            Assert.Equal(plan.Strategies.Count, root.GetProperty("trace").GetArrayLength());
        }

        // The full decision record (Evaluator.Decide) agrees: a decision, or the same error record.
        try
        {
            new Evaluator(plan).Decide(customer!, at);
        }
        catch (DecisionFailedException failed)
        {
            Assert.Equal(SnapshotErrorCodes.EvaluationFailed, failed.Error.Code);
        }
    }

    // A map that loads decides a few generated snapshots.
    private void LoadAndDecide(Random r, string yaml)
    {
        if (Load(yaml).Plan is { } plan)
        {
            for (var i = 0; i < 4; i++)
            {
                AssertDecidesOrRecords(plan, Hostile.Snapshot(r), Hostile.At(r));
            }
        }
    }

    private void Report(string property, int cases, bool mapsVary = true)
    {
        output.WriteLine($"{property}: {cases} cases in {FuzzBudget.PerProperty.TotalSeconds:N0} s, {_loaded} maps loaded");
        if (mapsVary && cases >= 50)
        {
            // Both sides of the promise are exercised: some maps refused, some decided.
            Assert.InRange(_loaded, 1, cases - 1);
        }
    }

    [Fact]
    public void HostileMaps_GiveDiagnosticsOrPlans_AndEveryCustomerADecisionOrAnErrorRecord()
    {
        var cases = FuzzBudget.Run(nameof(HostileMaps_GiveDiagnosticsOrPlans_AndEveryCustomerADecisionOrAnErrorRecord), seed =>
        {
            var r = new Random(seed);
            LoadAndDecide(r, Hostile.Mutate(r, Hostile.Map(r, h: 0.05)));
        });
        Report("maps", cases);
    }

    [Fact]
    public void HostileTemplates_GiveDiagnosticsOrRenderings_NeverACrash()
    {
        var cases = FuzzBudget.Run(nameof(HostileTemplates_GiveDiagnosticsOrRenderings_NeverACrash), seed =>
        {
            var r = new Random(seed);
            LoadAndDecide(r, Hostile.Map(r, h: 0, template: Hostile.Template(r)));
        });
        Report("templates", cases);
    }

    [Fact]
    public void HostileExpressions_GiveDiagnosticsOrDecisions_NeverACrash()
    {
        var cases = FuzzBudget.Run(nameof(HostileExpressions_GiveDiagnosticsOrDecisions_NeverACrash), seed =>
        {
            var r = new Random(seed);
            LoadAndDecide(r, Hostile.Map(r, h: 0, expression: Hostile.Expression(r)));
        });
        Report("expressions", cases);
    }

    [Fact]
    public void HostileSnapshots_GiveDecisionsOrErrorRecords_NeverACrash()
    {
        var plan = Load("""
            map: fuzz
            version: "1"
            customer:
              fields: { name: string, age: int, aum: decimal, hasPhone: bool, city: string?, openedOn: date? }
              events:
                large-deposit: { amount: decimal }
            segments:
              - { id: adults, when: age >= 18 }
            products:
              - { id: fund, name: Fund, value: 100, eligible: aum > 0 }
            channels:
              - { id: sms, maxLength: 70, contactPolicy: { max: 1, per: 7d } }
              - { id: app, reachable: hasPhone }
            scripts:
              - { id: s1, text: "{{ customer.name }}: {{ customer.aum | divided_by: customer.age }}" }
            scenarios:
              - { id: dep, kind: event, event: large-deposit, within: 36500d, when: event.amount >= 1000 }
            models:
              - { id: m, kind: logistic, intercept: -1, coefficients: { age: 0.01, aum: 0.000001, hasPhone: 1 } }
            suppression:
              - { id: sup, count: declined, atLeast: 1, within: 36500d, scope: all, pause: 36500d }
            strategies:
              - { id: s-one, target: [adults], scenario: dep, product: fund, channels: [sms, app], scripts: { sms: s1, app: s1 }, propensity: { model: m }, cooldown: 36500d, waves: [ { after: 36500d, channels: [app] } ] }
              - { id: s-two, product: fund, channels: [app], scripts: { app: s1 }, when: city.Length > 1 }
            """).Plan!;
        var cases = FuzzBudget.Run(nameof(HostileSnapshots_GiveDecisionsOrErrorRecords_NeverACrash), seed =>
        {
            var r = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                AssertDecidesOrRecords(plan, Hostile.Snapshot(r), Hostile.At(r));
            }
        });
        Report("snapshots", cases, mapsVary: false);
    }

    [GeneratedRegex(@"\ADM0[0-9]{2}\z")]
    private static partial Regex DiagnosticCode();
}
