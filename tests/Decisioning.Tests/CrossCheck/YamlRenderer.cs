using System.Globalization;
using System.Text;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Prints a <see cref="RandomMap"/> as the YAML of spec section 1. Named lists become files under
/// <c>lists/</c>, relative to the map file, returned alongside the text.
/// </summary>
public static class YamlRenderer
{
    public static (string Yaml, IReadOnlyDictionary<string, string> ListFiles) Render(RandomMap map)
    {
        var y = new StringBuilder();
        var lists = new Dictionary<string, string>(StringComparer.Ordinal);
        y.AppendLine($"map: {map.Id}");
        y.AppendLine($"version: {Quote(map.Version)}");
        y.AppendLine("description: 随机策略图谱 # generated");
        y.AppendLine("customer:");
        if (map.IdField is { } idField)
        {
            y.AppendLine($"  id: {idField}");
        }

        y.AppendLine("  fields:");
        foreach (var f in map.Fields)
        {
            y.AppendLine($"    {f.Name}: {f.TypeText}");
        }

        if (map.Events.Count > 0)
        {
            y.AppendLine("  events:");
            foreach (var e in map.Events)
            {
                y.AppendLine($"    {e.Id}: {{ {string.Join(", ", e.Payload.Select(p => $"{p.Name}: {p.TypeText}"))} }}");
            }
        }

        Section(y, "tiers", map.Tiers, t => $"{{ id: {t.Id}, when: {Quote(t.When.Text)} }}");
        Section(y, "lifecycle", map.Stages, t => $"{{ id: {t.Id}, when: {Quote(t.When.Text)} }}");
        Section(y, "segments", map.Segments, s =>
        {
            if (s.Members is { } members)
            {
                var path = $"lists/{s.Id}.csv";
                lists[path] = string.Join("\n", members) + "\n";
                return $"{{ id: {s.Id}, list: {path} }}";
            }

            return $"{{ id: {s.Id}, when: {Quote(s.When!.Text)} }}";
        });
        Section(y, "objectives", map.Objectives, o =>
            $"{{ id: {o.Id}, kind: {o.Kind}{(o.Weight is { } w ? $", weight: {Number(w)}" : "")} }}");
        Products(y, map);
        Channels(y, map);
        Section(y, "scripts", map.Scripts, s => $"{{ id: {s.Id}, text: {Quote(ScriptPiece.TemplateOf(s.Pieces))} }}");
        Section(y, "scenarios", map.Scenarios, Scenario);
        Models(y, map);
        Strategies(y, map);
        if (map.Arbitration is { } a)
        {
            y.AppendLine("arbitration:");
            Key(y, "  maxActions", a.MaxActions?.ToString(CultureInfo.InvariantCulture));
            Key(y, "  onePerProduct", Bool(a.OnePerProduct));
            Key(y, "  onePerChannel", Bool(a.OnePerChannel));
            Key(y, "  fallback", a.Fallback);
        }

        if (map.Suppression.Count > 0)
        {
            y.AppendLine("suppression:");
            foreach (var r in map.Suppression)
            {
                var keys = new List<string> { $"id: {r.Id}", $"count: {r.Count}" };
                if (r.AtLeast is { } atLeast)
                {
                    keys.Add($"atLeast: {atLeast.ToString(CultureInfo.InvariantCulture)}");
                }

                if (r.Within is { } within)
                {
                    keys.Add($"within: {within}");
                }

                if (r.Scope is { } scope)
                {
                    keys.Add($"scope: {scope}");
                }

                keys.Add($"pause: {r.Pause}");
                y.AppendLine($"  - {{ {string.Join(", ", keys)} }}");
            }
        }

        if (map.Experiment is { } e2)
        {
            y.AppendLine("experiment:");
            y.AppendLine($"  id: {e2.Id}");
            y.AppendLine($"  control: {Number(e2.Control)}");
            Key(y, "  controlPolicy", e2.Policy);
            Key(y, "  salt", e2.Salt is null ? null : Quote(e2.Salt));
        }

        return (y.ToString(), lists);
    }

    private static void Products(StringBuilder y, RandomMap map)
    {
        y.AppendLine("products:");
        foreach (var p in map.Products)
        {
            y.AppendLine($"  - id: {p.Id}");
            Key(y, "    name", p.Name is null ? null : Quote(p.Name));
            Key(y, "    value", p.Value is { } v ? Number(v) : null);
            Key(y, "    eligible", p.Eligible is null ? null : Quote(p.Eligible.Text));
            Key(y, "    repeatable", Bool(p.Repeatable));
        }
    }

    private static void Channels(StringBuilder y, RandomMap map)
    {
        y.AppendLine("channels:");
        foreach (var c in map.Channels)
        {
            y.AppendLine($"  - id: {c.Id}");
            Key(y, "    name", c.Name is null ? null : Quote(c.Name));
            Key(y, "    reachable", c.Reachable is null ? null : Quote(c.Reachable.Text));
            Key(y, "    contactPolicy", c.Max is { } max ? $"{{ max: {max}, per: {c.Per} }}" : null);
            Key(y, "    capacity", c.Capacity is { } cap ? $"{{ perDay: {cap} }}" : null);
            Key(y, "    maxLength", c.MaxLength?.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Scenario(RScenario s) => s.Kind switch
    {
        ScenarioKindR.Lifecycle => $"{{ id: {s.Id}, kind: lifecycle, stages: [{string.Join(", ", s.Stages)}] }}",
        // Empty lists are left out (both optional), except that one of the two is always written.
        ScenarioKindR.Product => $"{{ id: {s.Id}, kind: product" +
            (s.Lacks.Count > 0 ? $", lacks: [{string.Join(", ", s.Lacks)}]" : "") +
            (s.Holds.Count > 0 || s.Lacks.Count == 0 ? $", holds: [{string.Join(", ", s.Holds)}]" : "") + " }",
        ScenarioKindR.Event => $"{{ id: {s.Id}, kind: event, event: {s.Event}" +
            (s.Within is { } w ? $", within: {w}" : "") +
            (s.When is { } c ? $", when: {Quote(c.Text)}" : "") + " }",
        _ => $"{{ id: {s.Id}, kind: always }}",
    };

    private static void Models(StringBuilder y, RandomMap map)
    {
        if (map.Models.Count == 0)
        {
            return;
        }

        y.AppendLine("models:");
        foreach (var m in map.Models)
        {
            y.AppendLine($"  - id: {m.Id}");
            y.AppendLine("    kind: logistic");
            y.AppendLine($"    intercept: {Number(m.Intercept)}");
            y.AppendLine($"    coefficients: {{ {string.Join(", ", m.Coefficients.Select(c => $"{c.Field}: {Number(c.Weight)}"))} }}");
        }
    }

    private static void Strategies(StringBuilder y, RandomMap map)
    {
        y.AppendLine("strategies:");
        foreach (var s in map.Strategies)
        {
            y.AppendLine($"  - id: {s.Id}");
            Key(y, "    target", s.Target is { } t ? $"[{string.Join(", ", t)}]" : null);
            Key(y, "    objective", s.Objective);
            Key(y, "    scenario", s.Scenario);
            y.AppendLine($"    product: {s.Product}");
            y.AppendLine($"    channels: [{string.Join(", ", s.Channels)}]");
            Key(y, "    scripts", s.Scripts.Count > 0 ? $"{{ {string.Join(", ", s.Scripts.Select(x => $"{x.Channel}: {x.Script}"))} }}" : null);
            Key(y, "    priority", s.Priority is { } p ? Number(p) : null);
            Key(y, "    propensity", s.Model is { } m ? $"{{ model: {m} }}" : s.Propensity is { } c ? Number(c) : null);
            Key(y, "    when", s.When is null ? null : Quote(s.When.Text));
            Key(y, "    cooldown", s.Cooldown?.ToString());
            if (s.ActiveFrom is not null || s.ActiveTo is not null)
            {
                var parts = new List<string>();
                if (s.ActiveFrom is { } from)
                {
                    parts.Add($"from: {Instant(from)}");
                }

                if (s.ActiveTo is { } to)
                {
                    parts.Add($"to: {Instant(to)}");
                }

                y.AppendLine($"    active: {{ {string.Join(", ", parts)} }}");
            }

            if (s.Waves.Count > 0)
            {
                y.AppendLine("    waves:");
                foreach (var wave in s.Waves)
                {
                    var keys = new List<string> { $"after: {wave.After}" };
                    if (wave.Channels is { } channels)
                    {
                        keys.Add($"channels: [{string.Join(", ", channels)}]");
                    }

                    if (wave.Scripts is { } scripts)
                    {
                        keys.Add($"scripts: {{ {string.Join(", ", scripts.Select(x => $"{x.Channel}: {x.Script}"))} }}");
                    }

                    y.AppendLine($"      - {{ {string.Join(", ", keys)} }}");
                }
            }

            Key(y, "    stopOn", s.StopOn is { } stopOn ? $"[{string.Join(", ", stopOn)}]" : null);
        }
    }

    private static void Section<T>(StringBuilder y, string name, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        y.AppendLine($"{name}:");
        foreach (var item in items)
        {
            y.AppendLine($"  - {line(item)}");
        }
    }

    private static void Key(StringBuilder y, string key, string? value)
    {
        if (value is not null)
        {
            y.AppendLine($"{key}: {value}");
        }
    }

    private static string? Bool(bool? value) => value is { } b ? (b ? "true" : "false") : null;

    /// <summary>Midnight as a plain date (the spec's own form), other instants as quoted date-times.</summary>
    private static string Instant(DateTime utc) => utc.TimeOfDay == TimeSpan.Zero
        ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : Quote(IsoText.Instant(utc, TimeSpan.Zero));

    /// <summary>Plain decimal notation (never <c>5E-07</c>), which parses back to the same double.</summary>
    public static string Number(double value) => ((decimal)value).ToString(CultureInfo.InvariantCulture);

    /// <summary>A YAML single-quoted scalar: only the quote itself needs escaping (doubled).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
