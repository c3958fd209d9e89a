using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Decisioning.Adaptive;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Reporting;
using Decisioning.Reporting.Input;
using Decisioning.Samples.AdaptiveLoop;
using Decisioning.Snapshots;
using Decisioning.Serialization;

// The closed loop of docs/adaptive.md: two arms of one synthetic population run the same map for
// eight weekly cycles, one with constant propensities, one with an adaptive model that learns each
// week from its own contacts and outcomes (decide, draw outcomes, learn, decide again). Deterministic:
// the same seed gives the same figures.
//   dotnet run --project samples/AdaptiveLoop -c Release -- [--out DIR] [--customers N] [--weeks W] [--seed S]
var options = Options.Parse(args);
var output = Path.GetFullPath(options.Out);
var work = Path.Combine(output, "work");
Directory.CreateDirectory(work);
var random = new Random(options.Seed);
var everyone = Population.Generate(random, "P", 2 * options.Customers);
var arms = new Dictionary<string, List<Person>>
{
    ["adaptive"] = [.. everyone.Where((_, i) => i % 2 == 0)],
    ["constant"] = [.. everyone.Where((_, i) => i % 2 == 1)],
};
var holdout = Population.Generate(random, "H", options.Holdout);
var snapshots = Path.Combine(work, "snapshots-adaptive.jsonl");
File.WriteAllLines(snapshots, arms["adaptive"].Select(p => p.Snapshot));

var start = new DateTime(2026, 9, 7, 0, 0, 0, DateTimeKind.Utc); // a Monday
var learned = new AdaptiveState();
var rows = new List<WeekRow>();
string? lastDecisions = null, lastOutcomes = null;
for (var week = 1; week <= options.Weeks; week++)
{
    var at = start.AddDays(7 * (week - 1));
    var rates = new Dictionary<string, double>();
    var lines = new StringBuilder();
    var outcomes = new StringBuilder();
    foreach (var (arm, people) in arms)
    {
        var plan = Load(work, arm == "adaptive", learned.Instances.Count > 0);
        if (arm == "adaptive")
        {
            Keep(work, week);
        }
        var (decisions, armOutcomes, converted) = Cycle(plan, people, at, new Random(options.Seed * 31 + week * 2 + (arm == "adaptive" ? 0 : 1)));
        rates[arm] = converted / (double)people.Count;
        File.WriteAllText(Path.Combine(work, $"decisions-{arm}-{week}.jsonl"), decisions);
        File.WriteAllText(Path.Combine(work, $"outcomes-{arm}-{week}.jsonl"), armOutcomes);
        lines.Append(Relabel(decisions, arm == "adaptive"));
        outcomes.Append(armOutcomes);
        if (arm == "adaptive")
        {
            // Learn this week's contacts a week later (every window closed), and add them to what was learned before.
            var (state, _) = FileLearning.Learn(plan, decisions.Split('\n'), File.ReadLines(snapshots), armOutcomes.Split('\n'), at.AddDays(7));
            learned.Add(state);
            AdaptiveStateJson.WriteFile(learned, Path.Combine(work, "state.json"));
        }
    }

    var after = Load(work, adaptive: true, withState: true);
    var quality = Quality(after, holdout, new Random(options.Seed + 1000 + week));
    rows.Add(new WeekRow(week, learned.Instances.Values.Sum(i => i.Evidence), rates["adaptive"], rates["constant"], quality.Model, quality.Truth, quality.Calibration));
    lastDecisions = lines.ToString();
    lastOutcomes = outcomes.ToString();
}

// The last week, adaptive arm against constant arm, through the project's own post-evaluation.
var report = PostEvaluation.Evaluate(Stream(lastDecisions!), Stream(lastOutcomes!), AttributionWindow.TryParse("7d", out var window) ? window : null);
var summary = Summary(rows, report, options);
File.WriteAllText(Path.Combine(output, "summary.md"), summary);
File.WriteAllText(Path.Combine(output, "adaptive-simulation.svg"), Chart.Svg(rows));
Console.Write(summary);
Console.WriteLine($"wrote {Path.Combine(output, "summary.md")} and {Path.Combine(output, "adaptive-simulation.svg")}");
return 0;

static DecisionPlan Load(string work, bool adaptive, bool withState)
{
    var path = Path.Combine(work, adaptive ? "adaptive.yaml" : "constant.yaml");
    File.WriteAllText(path, LoopMap.Text(adaptive, adaptive && withState ? "state.json" : null));
    var loaded = MapLoader.Load(path);
    return loaded.Plan ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
}

// The adaptive map version of the week (its file and the state it names), kept under work/maps/week-N
// so that `report --maps` and `dashboard --maps` find each version's learned state by its hash.
static void Keep(string work, int week)
{
    var folder = Directory.CreateDirectory(Path.Combine(work, "maps", $"week-{week}")).FullName;
    File.Copy(Path.Combine(work, "adaptive.yaml"), Path.Combine(folder, "adaptive.yaml"), overwrite: true);
    if (File.Exists(Path.Combine(work, "state.json")))
    {
        File.Copy(Path.Combine(work, "state.json"), Path.Combine(folder, "state.json"), overwrite: true);
    }
}

// One week of one arm: every customer decided at `at`; each action converts with its true probability within 6 days.
static (string Decisions, string Outcomes, int Converted) Cycle(DecisionPlan plan, List<Person> people, DateTime at, Random random)
{
    var evaluator = new Evaluator(plan);
    var reader = new SnapshotReader(plan);
    var decisions = new StringBuilder();
    var outcomes = new StringBuilder();
    var converted = 0;
    foreach (var person in people)
    {
        var decision = evaluator.Decide(reader.Read(person.Snapshot).Customer!, at);
        decisions.Append(DecisionJson.ToJson(decision)).Append('\n');
        foreach (var action in decision.Actions)
        {
            if (random.NextDouble() < Population.Truth(person, action.Strategy))
            {
                converted++;
                var when = at.AddMinutes(random.Next(0, 6 * 24 * 60));
                outcomes.Append(CultureInfo.InvariantCulture,
                    $$"""{"customerId":"{{person.Id}}","at":"{{DecisionJson.FormatInstant(when)}}","product":"{{action.Product}}","strategy":"{{action.Strategy}}","kind":"converted","value":1}""").Append('\n');
            }
        }
    }

    return (decisions.ToString(), outcomes.ToString(), converted);
}

// For the arm-versus-arm report: the adaptive arm as group `model`, the constant arm as group `control`
// (its actions are what the report reads as the control group's choice).
static string Relabel(string decisions, bool adaptive)
{
    var text = new StringBuilder();
    foreach (var line in decisions.Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node["experiment"] = new JsonObject
        {
            ["id"] = "adaptive-vs-constant", ["group"] = adaptive ? "model" : "control", ["bucket"] = adaptive ? 0.75 : 0.25, ["control"] = 0.5,
        };
        node.Remove("counterfactual");
        if (!adaptive)
        {
            node["counterfactual"] = node["actions"]!.DeepClone();
        }

        text.Append(node.ToJsonString()).Append('\n');
    }

    return text.ToString();
}

// Held-out customers x every offer: the learned propensity and the true probability against drawn outcomes.
static (double Model, double Truth, double Calibration) Quality(DecisionPlan plan, List<Person> holdout, Random random)
{
    var reader = new SnapshotReader(plan);
    var predicted = new List<double>();
    var truth = new List<double>();
    var outcome = new List<bool>();
    foreach (var person in holdout)
    {
        var record = reader.Read(person.Snapshot).Customer!;
        foreach (var strategy in plan.Strategies)
        {
            var p = Population.Truth(person, strategy.Id);
            predicted.Add(strategy.Propensity.Evaluate(record, person.Tier, null));
            truth.Add(p);
            outcome.Add(random.NextDouble() < p);
        }
    }

    return (Scores.Auc(predicted, outcome), Scores.Auc(truth, outcome), Scores.CalibrationError(predicted, outcome));
}

static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

static string Summary(List<WeekRow> rows, Decisioning.Reporting.Model.Report report, Options options)
{
    string P(double v) => v.ToString("0.00%", CultureInfo.InvariantCulture);
    string N(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    var text = new StringBuilder();
    text.Append(CultureInfo.InvariantCulture, $"Seed {options.Seed}; {options.Customers:N0} customers per arm; {options.Holdout:N0} held-out customers x 4 offers.\n\n");
    text.Append("| week | interactions learned (after the week) | adaptive arm converts | constant arm converts | AUC learned / AUC truth | calibration error |\n");
    text.Append("|---:|---:|---:|---:|---:|---:|\n");
    foreach (var r in rows)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"| {r.Week} | {r.Evidence:N0} | {P(r.AdaptiveRate)} | {P(r.ConstantRate)} | {N(r.AucModel)} / {N(r.AucTruth)} = {P(r.AucModel / r.AucTruth)} | {N(r.Calibration)} |\n");
    }

    var o = report.Overall;
    var d = o.Conversion.Absolute;
    text.Append(CultureInfo.InvariantCulture, $"\nWeek {rows.Count}, `report` with the adaptive arm as model group and the constant arm as control group: ");
    text.Append(CultureInfo.InvariantCulture,
        $"conversion {P(o.Model.ConversionRate ?? 0)} ({o.Model.Converters:N0} of {o.Model.Customers:N0}) versus {P(o.Control.ConversionRate ?? 0)} ({o.Control.Converters:N0} of {o.Control.Customers:N0}); ");
    text.Append(CultureInfo.InvariantCulture,
        $"difference {P(d.Estimate ?? 0)}, 95% CI [{P(d.Low ?? 0)}, {P(d.High ?? 0)}], p = {(o.Conversion.PValue ?? double.NaN).ToString("G3", CultureInfo.InvariantCulture)}; ");
    text.Append(d.ExcludesZero ? "the interval excludes zero.\n" : "the interval does not exclude zero.\n");
    return text.ToString();
}

internal sealed record WeekRow(int Week, long Evidence, double AdaptiveRate, double ConstantRate, double AucModel, double AucTruth, double Calibration);

internal sealed record Options(string Out, int Customers, int Weeks, int Seed, int Holdout)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new Options(Value("--out", "adaptive-loop-out"), Number("--customers", 10_000), Number("--weeks", 8), Number("--seed", 20261205),
            Number("--holdout", 20_000));
    }
}
