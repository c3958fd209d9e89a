namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Random, valid strategy maps from a seed: every section, every optional key sometimes present,
/// every scenario kind and control policy, windows placed around the decision time.
/// </summary>
public sealed class MapGenerator
{
    public static readonly DateTime BaseAt = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    public static readonly RDuration[] Durations =
    [
        new(1, 'm'), new(30, 'm'), new(90, 'm'), new(1, 'h'), new(12, 'h'), new(36, 'h'),
        new(1, 'd'), new(3, 'd'), new(7, 'd'), new(30, 'd'),
    ];

    private static readonly string[] Names = ["养老目标基金", "客户经理电话", "Pension fund", "A&B <co>", "O'Brien's"];
    private static readonly string[] Texts = ["您好，", "Hi ", "🎉", "𠀀", "适合您现在的规划。", " & <b>", "'q' \"dq\"", "—", "  "];
    private static readonly string[] Kinds = ["scale", "customers", "fee-income"];

    private readonly Random _rng;
    private readonly CondGenerator _conds;

    public MapGenerator(int seed)
    {
        _rng = new Random(seed);
        _conds = new CondGenerator(_rng);
        Seed = seed;
    }

    public int Seed { get; }

    /// <summary>Customer ids the maps and customers share, so that named lists have members who appear.</summary>
    public static readonly IReadOnlyList<string> IdPool =
        [.. Enumerable.Range(0, 40).Select(i => $"C{i:000}"), "客户-7", "ab", "a", "b", "x y"];

    public (RandomMap Map, DateTime At) Next()
    {
        var at = BaseAt.AddHours(_rng.Next(0, 48));
        var fields = Fields();
        var events = Enumerable.Range(0, _rng.Next(3)).Select(i => new REventType($"ev-{i}", Payload())).ToList();
        var productIds = Enumerable.Range(0, _rng.Next(1, 5)).Select(i => $"p-{i}").ToList();

        var tierScope = new CondScope(fields, productIds);
        var tiers = Rules("tier", tierScope);
        var stageScope = tierScope with { Tiers = tiers.Select(t => t.Id).ToList() };
        var stages = Rules("st", stageScope);
        var segmentScope = stageScope with { Stages = stages.Select(s => s.Id).ToList() };
        var segments = Enumerable.Range(0, _rng.Next(5)).Select(i => _rng.NextDouble() < 0.3
            ? new RSegment($"seg-{i}", null, IdPool.Where(_ => _rng.NextDouble() < 0.3).ToList())
            : new RSegment($"seg-{i}", _conds.Next(segmentScope), null)).ToList();
        var later = segmentScope with { Segments = segments.Select(s => s.Id).ToList() };

        var objectives = Enumerable.Range(0, _rng.Next(1, 4))
            .Select(i => new RObjective($"obj-{i}", Pick(Kinds), MaybeValue(0.7, () => Pick([0.0, 0.5, 1.0, 1.5, 2.25])))).ToList();
        var products = productIds.Select(id => new RProduct(id,
            Maybe(0.6, () => Pick(Names)),
            MaybeValue(0.7, () => Pick([0.0, 1.0, 10.0, 320.0, 99.5, 1234.5678])),
            Maybe(0.4, () => _conds.Next(later, 1)),
            MaybeValue(0.6, () => _rng.Next(2) == 0))).ToList();
        var channels = Enumerable.Range(0, _rng.Next(1, 5)).Select(i =>
        {
            var capped = _rng.NextDouble() < 0.5;
            return new RChannel($"ch-{i}", Maybe(0.5, () => Pick(Names)), Maybe(0.5, () => _conds.Next(later, 1)),
                capped ? _rng.Next(0, 4) : null, capped ? Pick(Durations) : null,
                MaybeValue(0.4, () => _rng.Next(3, 30)), MaybeValue(0.2, () => _rng.Next(1, 300)));
        }).ToList();
        var scripts = Enumerable.Range(0, _rng.Next(5)).Select(i => new RScript($"w-{i}", Pieces(fields))).ToList();
        var scenarios = Scenarios(stages, productIds, events, later);
        var models = Models(fields);
        var strategies = Enumerable.Range(0, _rng.Next(1, 7))
            .Select(i => Strategy(i, at, segments, objectives, scenarios, productIds, channels, scripts, models, later)).ToList();

        var map = new RandomMap
        {
            Id = $"map-{Seed}",
            Version = Pick(["2026.11.1", "v1", "版本 3"]),
            IdField = Maybe(0.3, () => Pick(["clientNo", "id_2", "customerId"])),
            Fields = fields,
            Events = events,
            Tiers = tiers,
            Stages = stages,
            Segments = segments,
            Objectives = objectives,
            Products = products,
            Channels = channels,
            Scripts = scripts,
            Scenarios = scenarios,
            Models = models,
            Strategies = strategies,
            Arbitration = Maybe(0.7, () => new RArbitration(
                MaybeValue(0.8, () => _rng.Next(1, 4)), MaybeValue(0.6, () => _rng.Next(2) == 0), MaybeValue(0.6, () => _rng.Next(2) == 0),
                // A fallback must be able to reach someone: never one with `target: []`.
                _rng.NextDouble() < 0.35 ? strategies.Where(s => s.Target is not { Count: 0 }).Select(s => s.Id).FirstOrDefault(_ => _rng.Next(2) == 0) : null)),
            Suppression = Enumerable.Range(0, _rng.NextDouble() < 0.45 ? _rng.Next(1, 4) : 0).Select(i => new RSuppression(
                $"rule-{i}",
                Pick(["responded", "declined", "converted", "sent"]),
                MaybeValue(0.8, () => _rng.Next(1, 4)),
                Maybe(0.7, () => Pick(Durations)),
                Maybe(0.8, () => Pick(["strategy", "product", "all"])),
                Pick(Durations))).ToList(),
            Experiment = Maybe(0.6, () => new RExperiment("exp-" + _rng.Next(100),
                Pick([0.0, 0.1, 0.25, 0.5, 0.9, 1.0]),
                Maybe(0.85, () => Pick(["none", "random", "priority"])),
                Maybe(0.5, () => Pick(["nba-2026q4", "盐", "s"])))),
        };
        return (map, at);
    }

    private List<RField> Fields()
    {
        // The first four kinds are always there, so every kind of comparison can be generated.
        List<RField> fields =
        [
            new("age0", RKind.Int, _rng.NextDouble() < 0.3),
            new("aum1", RKind.Decimal, _rng.NextDouble() < 0.3),
            new("isVip2", RKind.Bool, false),
            new("name3", RKind.String, _rng.NextDouble() < 0.3),
        ];
        string[] bases = ["score", "balance", "hasPhone", "city", "openedOn"];
        var count = 4 + _rng.Next(4);
        for (var i = 4; i < count; i++)
        {
            var kind = (RKind)_rng.Next(5);
            fields.Add(new RField($"{bases[(int)kind]}{i}", kind, _rng.NextDouble() < 0.4));
        }

        return fields;
    }

    private List<RField> Payload() => Enumerable.Range(0, _rng.Next(3))
        .Select(i => new RField(Pick(["amount", "count", "tag"]) + i, Pick([RKind.Decimal, RKind.Int, RKind.String]), _rng.NextDouble() < 0.3))
        .ToList();

    private List<RRule> Rules(string prefix, CondScope scope)
    {
        var rules = Enumerable.Range(0, _rng.Next(4)).Select(i => new RRule($"{prefix}-{i}", _conds.Next(scope))).ToList();
        if (rules.Count > 0 && _rng.NextDouble() < 0.5)
        {
            rules[^1] = rules[^1] with { When = new Lit(true) };
        }

        return rules;
    }

    private List<ScriptPiece> Pieces(List<RField> fields)
    {
        var printable = fields.Where(f => f.Kind is RKind.String or RKind.Int or RKind.Bool).ToList();
        return Enumerable.Range(0, _rng.Next(1, 6)).Select(_ => _rng.Next(4) switch
        {
            0 => (ScriptPiece)new VarPiece("customer", Pick(printable).Name),
            1 => new VarPiece(Pick(["product", "channel"]), Pick(["id", "name"])),
            2 => new VarPiece("strategy", "id"),
            _ => new TextPiece(Pick(Texts)),
        }).ToList();
    }

    private List<RScenario> Scenarios(List<RRule> stages, List<string> products, List<REventType> events, CondScope later)
    {
        var scenarios = new List<RScenario>();
        for (var i = 0; i < _rng.Next(6); i++)
        {
            var kind = (ScenarioKindR)_rng.Next(4);
            var id = $"sn-{i}";
            if (kind == ScenarioKindR.Lifecycle && stages.Count > 0)
            {
                scenarios.Add(new RScenario(id, kind, Subset(stages.Select(s => s.Id).ToList(), 1), [], [], null, null, null));
            }
            else if (kind == ScenarioKindR.Product)
            {
                var lacks = Subset(products, 0, 2);
                scenarios.Add(new RScenario(id, kind, [], lacks, Subset(products.Except(lacks).ToList(), 0, 2), null, null, null));
            }
            else if (kind == ScenarioKindR.Event && events.Count > 0)
            {
                var e = Pick(events);
                scenarios.Add(new RScenario(id, kind, [], [], [], e.Id, Maybe(0.85, () => Pick(Durations)),
                    Maybe(0.6, () => _conds.Next(later with { Event = e.Payload }, 1))));
            }
            else
            {
                scenarios.Add(new RScenario(id, ScenarioKindR.Always, [], [], [], null, null, null));
            }
        }

        return scenarios;
    }

    private List<RModel> Models(List<RField> fields)
    {
        var numeric = fields.Where(f => f.Kind is RKind.Int or RKind.Decimal or RKind.Bool).ToList();
        return Enumerable.Range(0, _rng.Next(3)).Select(i => new RModel($"m-{i}",
            Pick([-3.2, 0.0, 1.5, -0.7]),
            Subset(numeric, 1, 3).Select(f => (f.Name, Pick([0.03, 0.9, 0.0000005, -1.25, 2.0]))).ToList())).ToList();
    }

    private RStrategy Strategy(int i, DateTime at, List<RSegment> segments, List<RObjective> objectives, List<RScenario> scenarios,
        List<string> products, List<RChannel> channels, List<RScript> scripts, List<RModel> models, CondScope later)
    {
        var strategyChannels = Subset(channels.Select(c => c.Id).ToList(), 1, 3);
        var (from, to) = Window(at);
        var model = models.Count > 0 && _rng.NextDouble() < 0.3 ? Pick(models).Id : null;
        return new RStrategy
        {
            Id = $"s-{i}",
            Target = _rng.Next(4) switch
            {
                0 => null,
                1 => ["all"],
                2 when _rng.NextDouble() < 0.1 => [],
                _ when segments.Count == 0 => ["all"],
                _ => [.. Subset(segments.Select(s => s.Id).ToList(), 1, 2), .. _rng.NextDouble() < 0.1 ? ["all"] : Array.Empty<string>()],
            },
            Objective = Maybe(0.8, () => Pick(objectives).Id),
            Scenario = scenarios.Count > 0 ? Maybe(0.7, () => Pick(scenarios).Id) : null,
            Product = Pick(products),
            Channels = strategyChannels,
            Scripts = scripts.Count == 0 ? [] : strategyChannels.Where(_ => _rng.NextDouble() < 0.6).Select(c => (c, Pick(scripts).Id)).ToList(),
            Priority = MaybeValue(0.8, () => Pick([0.0, 10.0, 50.0, 80.0, 100.0, 12.5])),
            Propensity = model is null ? MaybeValue(0.7, () => Pick([0.0, 0.12, 0.5, 1.0, 0.333])) : null,
            Model = model,
            When = Maybe(0.4, () => _conds.Next(later)),
            Cooldown = Maybe(0.4, () => Pick(Durations)),
            ActiveFrom = from,
            ActiveTo = to,
            Waves = _rng.NextDouble() < 0.4 ? Waves(channels, scripts) : [],
            StopOn = Maybe(0.3, () => Subset(["responded", "declined", "converted"], 0, 3)),
        };
    }

    // One to three follow-up waves, each with its own channels and scripts sometimes.
    private List<RWave> Waves(List<RChannel> channels, List<RScript> scripts) => Enumerable.Range(0, _rng.Next(1, 4)).Select(_ =>
    {
        var waveChannels = Maybe(0.6, () => Subset(channels.Select(c => c.Id).ToList(), 1, 2));
        var waveScripts = waveChannels is not null && scripts.Count > 0
            ? Maybe(0.6, () => waveChannels.Where(_ => _rng.NextDouble() < 0.7).Select(c => (c, Pick(scripts).Id)).ToList())
            : null;
        return new RWave(Pick(Durations), waveChannels, waveScripts);
    }).ToList();

    /// <summary>An active window around <paramref name="at"/>, often starting or ending exactly there.</summary>
    private (DateTime?, DateTime?) Window(DateTime at)
    {
        TimeSpan[] offsets = [TimeSpan.FromDays(-2), TimeSpan.FromHours(-1), TimeSpan.FromSeconds(-1), TimeSpan.Zero,
            TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)];
        var a = at + Pick(offsets);
        var b = at + Pick(offsets);
        return _rng.Next(8) switch
        {
            0 => (a, null),
            1 => (null, a),
            2 when a != b => (a < b ? a : b, a < b ? b : a),
            _ => (null, null),
        };
    }

    private List<T> Subset<T>(List<T> items, int min, int max = int.MaxValue)
    {
        var count = Math.Min(items.Count, _rng.Next(min, Math.Min(max, items.Count) + 1));
        return items.OrderBy(_ => _rng.Next()).Take(count).ToList();
    }

    private T? Maybe<T>(double p, Func<T> make) where T : class => _rng.NextDouble() < p ? make() : null;

    private T? MaybeValue<T>(double p, Func<T> make) where T : struct => _rng.NextDouble() < p ? make() : null;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
}
