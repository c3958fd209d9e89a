using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Decisioning.Tests.Cli;
using Decisioning.Tests.Hosting;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// One rule wherever a customer is decided (evaluate, batch, explain, diff, the host engine,
/// DecideInto): whatever goes wrong for one customer is that customer's error record
/// (<c>evaluation-failed</c>, naming the strategy and the expression or script), and every other
/// line goes on, in order.
/// </summary>
public sealed class OneBadCustomerTests
{
    // A script that divides by the customer's age: a customer aged 0 makes it fail.
    public const string Sections = """
        products:
          - { id: fund, name: Fund, value: 10 }
        channels:
          - { id: sms }
        scripts:
          - { id: per-year, text: "{{ customer.name }}: {{ 100 | divided_by: customer.age }} a year" }
        strategies:
          - { id: s1, product: fund, channels: [sms], scripts: { sms: per-year } }
        """;

    private const string Fields = "\"name\": \"x\", \"aum\": 1.5, \"hasPhone\": true";

    /// <summary>Every kind of bad line, between good ones: (line, expected code or null for a decision).</summary>
    public static readonly (string Line, string? Code)[] Mixed =
    [
        ("""{"customerId": "G1", "age": 40, """ + Fields + "}", null),
        ("{not json", SnapshotErrorCodes.InvalidJson),
        ("""{"customerId": "B1", "age": 0, """ + Fields + "}", SnapshotErrorCodes.EvaluationFailed),
        ("""{"customerId": "B2\ud800", "age": 40, """ + Fields + "}", SnapshotErrorCodes.InvalidJson),
        ("""{"customerId": "B3", "name": "\udc00", "age": 40, "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.InvalidJson),
        ("""{"customerId": "B4", "customerId": "B5", "age": 40, """ + Fields + "}", SnapshotErrorCodes.DuplicateKey),
        ("""{"customerId": "B6", "age": 40, "age": 41, """ + Fields + "}", SnapshotErrorCodes.DuplicateKey),
        ("""{"customerId": "B7", "age": 40, "holdings": [], "holdings": ["fund"], """ + Fields + "}", SnapshotErrorCodes.DuplicateKey),
        ("""{"customerId": "B8", "name": "x"}""", SnapshotErrorCodes.MissingField),
        ("[]", SnapshotErrorCodes.NotAnObject),
        ("""{"customerId": "G2", "age": 20, """ + Fields + "}", null),
        ("", SnapshotErrorCodes.InvalidJson),
        ("""{"customerId": "G3", "age": 30, "undeclared": 1, "undeclared": 2, """ + Fields + "}", null),
    ];

    private static string MixedFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"decisioning-mixed-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", Mixed.Select(m => m.Line)) + "\n");
        return path;
    }

    private static string MapFile(string sections = Sections)
    {
        var path = Path.Combine(Path.GetTempPath(), $"decisioning-map-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Head + "\n" + sections);
        return path;
    }

    private static void AssertLinesMatch(IReadOnlyList<string> output)
    {
        Assert.Equal(Mixed.Length, output.Count);
        for (var i = 0; i < Mixed.Length; i++)
        {
            using var json = JsonDocument.Parse(output[i]);
            var code = json.RootElement.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
            Assert.True(Mixed[i].Code == code, $"line {i + 1}: expected {Mixed[i].Code ?? "a decision"}, got {output[i]}");
        }
    }

    [Fact]
    public void Evaluate_FileMixingEveryKindOfBadLine_OneOutputLinePerInputLineInOrder()
    {
        var map = MapFile();
        var customers = MixedFile();
        var (exit, output, error) = CliRunner.Run("evaluate", map, "--customers", customers, "--at", "2026-11-23");

        Assert.True(exit == 0, error);
        Assert.Contains(" customers: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", error, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        AssertLinesMatch(lines);
        Assert.Contains("G1", lines[0]);
        Assert.Contains("x: 2 a year", lines[0]);
        var failed = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal("B1", failed.GetProperty("customerId").GetString());
        var message = failed.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("strategy 's1'", message);
        Assert.Contains("script 'per-year'", message);
    }

    [Fact]
    public void Batch_FileMixingEveryKindOfBadLine_CountsEveryLineAndGoesOn()
    {
        var map = MapFile();
        var customers = MixedFile();
        var outDir = Path.Combine(Path.GetTempPath(), $"decisioning-batch-{Guid.NewGuid():N}");
        var (exit, _, error) = CliRunner.Run("batch", map, "--customers", customers, "--out", outDir, "--at", "2026-11-23");

        Assert.True(exit == 0, error);
        var decisions = File.ReadAllLines(Path.Combine(outDir, "decisions.jsonl"));
        AssertLinesMatch(decisions);
        var list = File.ReadAllLines(Path.Combine(outDir, "s1.sms.csv"));
        Assert.Equal(4, list.Length); // header and G1, G2, G3
    }

    [Fact]
    public void Diff_CustomerTheNewMapCannotDecide_IsAnErrorChangeNotACrash()
    {
        var old = MapFile(Sections.Replace("divided_by: customer.age", "plus: customer.age"));
        var @new = MapFile();
        var customers = MixedFile();
        var (exit, output, error) = CliRunner.Run("diff", old, @new, "--customers", customers, "--at", "2026-11-23");

        Assert.True(exit == 0, error);
        Assert.Contains("B1 (line 3): snapshot valid -> evaluation-failed", output);
    }

    [Fact]
    public void Explain_CustomerTheMapCannotDecide_PrintsTheErrorRecordAndExits1()
    {
        var map = MapFile();
        var customer = Path.Combine(Path.GetTempPath(), $"decisioning-one-{Guid.NewGuid():N}.json");
        File.WriteAllText(customer, Mixed[2].Line);
        var (exit, output, _) = CliRunner.Run("explain", map, "--customer", customer, "--at", "2026-11-23");

        Assert.Equal(1, exit);
        Assert.Contains("\"evaluation-failed\"", output);
    }

    [Fact]
    public void DecideInto_FailingScript_ThrowsTheErrorRecordAndTheBufferServesTheNextCustomer()
    {
        var plan = Load(Sections);
        var reader = new SnapshotReader(plan);
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);

        var failed = Assert.Throws<DecisionFailedException>(() => evaluator.DecideInto(reader.Read(Mixed[2].Line).Customer!, At, buffer));
        Assert.Equal(SnapshotErrorCodes.EvaluationFailed, failed.Error.Code);
        Assert.Equal("B1", failed.Error.CustomerId);

        evaluator.DecideInto(reader.Read(Mixed[0].Line).Customer!, At, buffer);
        Assert.Equal("x: 2 a year", buffer.Script(buffer.Action(0)));
    }

    [Fact]
    public void HostModelThrowingOrNotFinite_IsTheCustomersErrorRecordNamingTheStrategy()
    {
        foreach (var (model, expected) in new (IPropensityModel, string)[]
                 {
                     (new Throwing(), "InvalidOperationException: model offline"),
                     (new Constant(double.NaN), "propensity is not a finite number"),
                     (new Constant(double.PositiveInfinity), "propensity is not a finite number"),
                 })
        {
            var text = Head + "\n" + """
                models:
                  - { id: m, kind: host }
                products:
                  - { id: fund, value: 10 }
                channels:
                  - { id: sms }
                strategies:
                  - { id: s1, product: fund, channels: [sms], propensity: { model: m } }
                """;
            var result = MapLoader.LoadText(text, options: new MapLoadOptions { HostModels = new Dictionary<string, IPropensityModel> { ["m"] = model } });
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            var customer = new SnapshotReader(result.Plan!).Read(Mixed[0].Line).Customer!;

            var failed = Assert.Throws<DecisionFailedException>(() => new Evaluator(result.Plan!).Decide(customer, At));
            Assert.Contains("strategy 's1'", failed.Error.Message);
            Assert.Contains(expected, failed.Error.Message);
            Assert.Throws<DecisionFailedException>(() => new Evaluator(result.Plan!).DecideInto(customer, At, new DecisionBuffer(result.Plan!)));
        }
    }

    [Fact]
    public void HostEngine_CustomerTheMapCannotDecide_TryDecideGivesTheRecordAndDecideThrowsIt()
    {
        using var folder = new TempMapFolder(DemoMap.Valid(1).Replace("v1 for {{ customer.name }}", "{{ 100 | modulo: customer.age }}"));
        using var fixture = new EngineFixture(b => b.AddMap(DemoMap.Id, folder.FilePath));
        var bad = CustomerSnapshot.FromJson("""{"customerId": "C0", "name": "Wang", "age": 0, "riskLevel": 2}""");
        var good = CustomerSnapshot.FromJson(DemoMap.CustomerJson);

        Assert.False(fixture.Engine.TryDecide(DemoMap.Id, bad, DemoMap.At, out _, out var error));
        Assert.Equal(SnapshotErrorCodes.EvaluationFailed, error!.Code);
        Assert.Contains("script 'offer-text'", error.Message);
        Assert.Throws<DecisionFailedException>(() => fixture.Engine.Decide(DemoMap.Id, bad, DemoMap.At));
        var results = fixture.Engine.DecideBatch(DemoMap.Id, [good, bad, good], DemoMap.At);
        Assert.Equal([true, false, true], results.Select(r => r.Decision is not null));
        Assert.Equal("10", fixture.Engine.Decide(DemoMap.Id, good, DemoMap.At).Actions[0].Script);
    }

    [Theory]
    [InlineData("name.Contains(city)", false)]
    [InlineData("!name.StartsWith(city)", true)]
    [InlineData("Math.Round(aum, age) > 0", true)]
    [InlineData("Math.Round(aum, 0 - age) > 0", true)]
    [InlineData("Math.Round(1.5 * age, age) > 0", true)]
    public void Expression_NullArgumentOrOutOfRangeDigits_NeverThrows(string when, bool expected)
    {
        var sections = $$"""
            products:
              - { id: fund }
            channels:
              - { id: sms }
            strategies:
              - { id: s1, product: fund, channels: [sms], when: "{{when}}" }
            """;
        var decision = Decide(sections, Customer(age: 40));
        Assert.Equal(expected ? "selected" : "condition", Outcome(decision, "s1"));
    }

    private sealed class Throwing : IPropensityModel
    {
        public double Predict(CustomerRecord customer) => throw new InvalidOperationException("model offline");
    }

    private sealed class Constant(double value) : IPropensityModel
    {
        public double Predict(CustomerRecord customer) => value;
    }
}
