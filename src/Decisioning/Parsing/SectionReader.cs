using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Parsing;

/// <summary>Reads each section of a map into its declaration records. One method per section.</summary>
internal sealed class SectionReader(NodeReader reader, ReuseTable<(YamlNode Node, string Section), (object? Declaration, Diagnostic[] Diagnostics)>? reuse = null)
{
    private static readonly string[] CustomerKeys = ["id", "fields", "events"];
    private static readonly string[] RuleKeys = ["id", "when"];
    private static readonly string[] SegmentKeys = ["id", "when", "list"];
    private static readonly string[] ObjectiveKeys = ["id", "kind", "weight"];
    private static readonly string[] ProductKeys = ["id", "name", "value", "eligible", "repeatable"];
    private static readonly string[] ChannelKeys = ["id", "name", "reachable", "contactPolicy", "capacity", "maxLength"];
    private static readonly string[] ContactPolicyKeys = ["max", "per"];
    private static readonly string[] CapacityKeys = ["perDay"];
    private static readonly string[] ScriptKeys = ["id", "text"];
    private static readonly string[] ScenarioKeys = ["id", "kind", "stages", "lacks", "holds", "event", "within", "when"];
    private static readonly string[] StrategyKeys =
        ["id", "target", "objective", "scenario", "product", "channels", "scripts", "priority", "propensity", "when", "cooldown", "active", "waves", "stopOn"];
    private static readonly string[] WaveKeys = ["after", "channels", "scripts"];
    private static readonly string[] SuppressionKeys = ["id", "count", "atLeast", "within", "scope", "pause"];
    private static readonly string[] PropensityKeys = ["model"];
    private static readonly string[] ActiveKeys = ["from", "to"];
    private static readonly string[] ArbitrationKeys = ["maxActions", "onePerProduct", "onePerChannel", "fallback"];
    private static readonly string[] ExperimentKeys = ["id", "control", "controlPolicy", "salt"];
    private static readonly string[] ModelKeys = ["id", "kind", "intercept", "coefficients", .. AdaptiveSectionReader.Keys];

    public NodeReader Reader { get; } = reader;

    public IEnumerable<T> List<T>(YamlNode node, string section, Func<YamlNode, T?> item)
        where T : class
    {
        foreach (var child in Reader.Sequence(node, $"'{section}'"))
        {
            if (Item(child, section, item) is { } value)
            {
                yield return value;
            }
        }
    }

    /// <summary>A single-valued section (customer, arbitration, experiment), taken again like a list item when its node is the same.</summary>
    public T? Single<T>(YamlNode node, string section, Func<YamlNode, T?> read)
        where T : class => Item(node, section, read);

    /// <summary>The keys of <c>reuse</c>: a node by reference (the same object is the same text at the same place), a section by name.</summary>
    public static IEqualityComparer<(YamlNode Node, string Section)> ItemKeys { get; } = new NodeKeys();

    // One list item's declaration and the diagnostics reading it gave: the previous load's when it
    // read this very node (a hot reload: the node is the same object only when its text is the same).
    private T? Item<T>(YamlNode node, string section, Func<YamlNode, T?> read)
        where T : class
    {
        var bag = Reader.Diagnostics;
        if (reuse is not null && reuse.TryGet((node, section), out var kept))
        {
            foreach (var diagnostic in kept.Diagnostics)
            {
                bag.Add(diagnostic);
            }

            return (T?)kept.Declaration;
        }

        var before = bag.Items.Count;
        var value = read(node);
        reuse?.Add((node, section), (value, [.. bag.Items.Skip(before)]));
        return value;
    }

    public CustomerSchemaDecl Customer(YamlNode node)
    {
        if (Reader.Mapping(node, "'customer'", CustomerKeys) is not { } map)
        {
            return new CustomerSchemaDecl { Location = node.Location };
        }

        var events = new List<EventDecl>();
        var eventsNode = map.Find("events")?.Value;
        if (eventsNode is YamlMapping eventMap)
        {
            foreach (var e in eventMap.Entries)
            {
                events.Add(new EventDecl(new Located<string>(e.Key.Value, e.Key.Location), Fields(e.Value, $"event '{e.Key.Value}'")));
            }
        }
        else if (eventsNode is not null and not YamlScalar { IsNull: true })
        {
            Reader.WrongKind(eventsNode, "'customer.events'", "a mapping of event types to their fields");
        }

        return new CustomerSchemaDecl
        {
            IdField = Reader.String(map, "id", "'customer'"),
            Fields = map.Find("fields") is { } fields ? Fields(fields.Value, "'customer.fields'") : [],
            Events = events,
            Location = map.Location,
        };
    }

    private List<FieldDecl> Fields(YamlNode node, string what)
    {
        var fields = new List<FieldDecl>();
        if (node is YamlScalar { IsNull: true })
        {
            return fields;
        }

        if (node is not YamlMapping map)
        {
            Reader.WrongKind(node, what, "a mapping of field names to types");
            return fields;
        }

        foreach (var entry in map.Entries)
        {
            if (Reader.String(entry.Value, $"the type of field '{entry.Key.Value}'") is { } type)
            {
                fields.Add(new FieldDecl(new Located<string>(entry.Key.Value, entry.Key.Location), type));
            }
        }

        return fields;
    }

    public RuleDecl? Rule(YamlNode node, string what) =>
        Reader.Mapping(node, what, RuleKeys) is { } map
            ? new RuleDecl(Reader.String(map, "id", what), Reader.String(map, "when", what), map.Location)
            : null;

    public SegmentDecl? Segment(YamlNode node) =>
        Reader.Mapping(node, "a segment", SegmentKeys) is { } map
            ? new SegmentDecl(Reader.String(map, "id", "a segment"), Reader.String(map, "when", "a segment"),
                Reader.String(map, "list", "a segment"), map.Location)
            : null;

    public ObjectiveDecl? Objective(YamlNode node) =>
        Reader.Mapping(node, "an objective", ObjectiveKeys) is { } map
            ? new ObjectiveDecl(Reader.String(map, "id", "an objective"), Reader.String(map, "kind", "an objective"),
                Reader.Number(map, "weight", "an objective"), map.Location)
            : null;

    public ProductDecl? Product(YamlNode node) =>
        Reader.Mapping(node, "a product", ProductKeys) is { } map
            ? new ProductDecl(
                Reader.String(map, "id", "a product"),
                Reader.String(map, "name", "a product"),
                Reader.Number(map, "value", "a product"),
                Reader.String(map, "eligible", "a product"),
                Reader.Boolean(map, "repeatable", "a product"),
                map.Location)
            : null;

    public ChannelDecl? Channel(YamlNode node)
    {
        if (Reader.Mapping(node, "a channel", ChannelKeys) is not { } map)
        {
            return null;
        }

        ContactPolicyDecl? policy = null;
        if (map.Find("contactPolicy") is { } p && Reader.Mapping(p.Value, "'contactPolicy'", ContactPolicyKeys) is { } pm)
        {
            policy = new ContactPolicyDecl(Reader.Integer(pm, "max", "'contactPolicy'"), Reader.Duration(pm, "per", "'contactPolicy'"), pm.Location);
        }

        Located<long>? perDay = null;
        if (map.Find("capacity") is { } c && Reader.Mapping(c.Value, "'capacity'", CapacityKeys) is { } cm)
        {
            perDay = Reader.Integer(cm, "perDay", "'capacity'");
        }

        return new ChannelDecl(
            Reader.String(map, "id", "a channel"),
            Reader.String(map, "name", "a channel"),
            Reader.String(map, "reachable", "a channel"),
            policy,
            perDay,
            Reader.Integer(map, "maxLength", "a channel"),
            map.Location);
    }

    public ScriptDecl? Script(YamlNode node) =>
        Reader.Mapping(node, "a script", ScriptKeys) is { } map
            ? new ScriptDecl(Reader.String(map, "id", "a script"), Reader.String(map, "text", "a script"), map.Location)
            : null;

    public ScenarioDecl? Scenario(YamlNode node)
    {
        if (Reader.Mapping(node, "a scenario", ScenarioKeys) is not { } map)
        {
            return null;
        }

        return new ScenarioDecl
        {
            Id = Reader.String(map, "id", "a scenario"),
            Kind = Reader.String(map, "kind", "a scenario"),
            Stages = Reader.StringList(map, "stages", "a scenario"),
            Lacks = Reader.StringList(map, "lacks", "a scenario"),
            Holds = Reader.StringList(map, "holds", "a scenario"),
            Event = Reader.String(map, "event", "a scenario"),
            Within = Reader.Duration(map, "within", "a scenario"),
            When = Reader.String(map, "when", "a scenario"),
            Location = map.Location,
        };
    }

    public StrategyDecl? Strategy(YamlNode node)
    {
        if (Reader.Mapping(node, "a strategy", StrategyKeys) is not { } map)
        {
            return null;
        }

        return new StrategyDecl
        {
            Id = Reader.String(map, "id", "a strategy"),
            Target = Reader.StringList(map, "target", "a strategy"),
            TargetWritten = map.Find("target") is not null,
            Objective = Reader.String(map, "objective", "a strategy"),
            Scenario = Reader.String(map, "scenario", "a strategy"),
            Product = Reader.String(map, "product", "a strategy"),
            Channels = Reader.StringList(map, "channels", "a strategy"),
            Scripts = ScriptChoices(map) ?? [],
            Priority = Reader.Number(map, "priority", "a strategy"),
            Propensity = Propensity(map),
            When = Reader.String(map, "when", "a strategy"),
            Cooldown = Reader.Duration(map, "cooldown", "a strategy"),
            Active = Active(map),
            Waves = map.Find("waves") is { } waves ? [.. List(waves.Value, "waves", Wave)] : [],
            StopOn = map.Find("stopOn") is not null ? Reader.StringList(map, "stopOn", "a strategy") : null,
            Location = map.Location,
        };
    }

    private WaveDecl? Wave(YamlNode node) =>
        Reader.Mapping(node, "a wave", WaveKeys) is { } map
            ? new WaveDecl
            {
                After = Reader.Duration(map, "after", "a wave"),
                Channels = map.Find("channels") is not null ? Reader.StringList(map, "channels", "a wave") : null,
                Scripts = ScriptChoices(map),
                Location = map.Location,
            }
            : null;

    public SuppressionDecl? Suppression(YamlNode node) =>
        Reader.Mapping(node, "a suppression rule", SuppressionKeys) is { } map
            ? new SuppressionDecl
            {
                Id = Reader.String(map, "id", "a suppression rule"),
                Count = Reader.String(map, "count", "a suppression rule"),
                AtLeast = Reader.Integer(map, "atLeast", "a suppression rule"),
                Within = Reader.Duration(map, "within", "a suppression rule"),
                Scope = Reader.String(map, "scope", "a suppression rule"),
                Pause = Reader.Duration(map, "pause", "a suppression rule"),
                Location = map.Location,
            }
            : null;

    // A strategy's or a wave's `scripts`: null when not written.
    private List<ScriptChoiceDecl>? ScriptChoices(YamlMapping strategy)
    {
        var choices = new List<ScriptChoiceDecl>();
        if (strategy.Find("scripts") is not { } entry)
        {
            return null;
        }

        if (entry.Value is not YamlMapping map)
        {
            if (entry.Value is not YamlScalar { IsNull: true })
            {
                Reader.WrongKind(entry.Value, "'scripts' of a strategy", "a mapping of channel ids to script ids");
            }

            return choices;
        }

        foreach (var e in map.Entries)
        {
            if (Reader.String(e.Value, $"the script for channel '{e.Key.Value}'") is { } script)
            {
                choices.Add(new ScriptChoiceDecl(new Located<string>(e.Key.Value, e.Key.Location), script));
            }
        }

        return choices;
    }

    private PropensityDecl? Propensity(YamlMapping strategy)
    {
        if (strategy.Find("propensity") is not { } entry)
        {
            return null;
        }

        if (entry.Value is YamlMapping)
        {
            var map = Reader.Mapping(entry.Value, "'propensity'", PropensityKeys)!;
            return new PropensityDecl(null, Reader.String(map, "model", "'propensity'"), map.Location);
        }

        return new PropensityDecl(Reader.Number(strategy, "propensity", "a strategy"), null, entry.Value.Location);
    }

    private ActiveWindowDecl? Active(YamlMapping strategy)
    {
        if (strategy.Find("active") is not { } entry || Reader.Mapping(entry.Value, "'active'", ActiveKeys) is not { } map)
        {
            return null;
        }

        return new ActiveWindowDecl(Reader.Instant(map, "from", "'active'"), Reader.Instant(map, "to", "'active'"), map.Location);
    }

    public ArbitrationDecl Arbitration(YamlNode node)
    {
        if (Reader.Mapping(node, "'arbitration'", ArbitrationKeys) is not { } map)
        {
            return new ArbitrationDecl { Location = node.Location };
        }

        return new ArbitrationDecl
        {
            MaxActions = Reader.Integer(map, "maxActions", "'arbitration'"),
            OnePerProduct = Reader.Boolean(map, "onePerProduct", "'arbitration'"),
            OnePerChannel = Reader.Boolean(map, "onePerChannel", "'arbitration'"),
            Fallback = Reader.String(map, "fallback", "'arbitration'"),
            Location = map.Location,
        };
    }

    public ExperimentDecl? Experiment(YamlNode node) =>
        Reader.Mapping(node, "'experiment'", ExperimentKeys) is { } map
            ? new ExperimentDecl(
                Reader.String(map, "id", "'experiment'"),
                Reader.Number(map, "control", "'experiment'"),
                Reader.String(map, "controlPolicy", "'experiment'"),
                Reader.String(map, "salt", "'experiment'"),
                map.Location)
            : null;

    public ModelDecl? Model(YamlNode node)
    {
        if (Reader.Mapping(node, "a model", ModelKeys) is not { } map)
        {
            return null;
        }

        var coefficients = new List<CoefficientDecl>();
        var entry = map.Find("coefficients");
        if (entry?.Value is YamlMapping cm)
        {
            foreach (var e in cm.Entries)
            {
                if (Reader.Number(cm, e.Key.Value, "'coefficients'") is { } weight)
                {
                    coefficients.Add(new CoefficientDecl(new Located<string>(e.Key.Value, e.Key.Location), weight));
                }
            }
        }
        else if (entry is not null && entry.Value is not YamlScalar { IsNull: true })
        {
            Reader.WrongKind(entry.Value, "'coefficients'", "a mapping of field names to numbers");
        }

        var kind = Reader.String(map, "kind", "a model");
        return new ModelDecl(
            Reader.String(map, "id", "a model"),
            kind,
            Reader.Number(map, "intercept", "a model"),
            coefficients,
            map.Location,
            AdaptiveSectionReader.Read(Reader, map, kind?.Value == "adaptive"));
    }

    private sealed class NodeKeys : IEqualityComparer<(YamlNode Node, string Section)>
    {
        public bool Equals((YamlNode Node, string Section) x, (YamlNode Node, string Section) y) =>
            ReferenceEquals(x.Node, y.Node) && x.Section == y.Section;

        public int GetHashCode((YamlNode Node, string Section) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Node), key.Section);
    }
}
