using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Parsing;

/// <summary>
/// Turns the YAML trees of one map (one file, or every file of a folder) into one
/// <see cref="MapDocument"/>. List sections of several files are appended in file order; a
/// single-valued section (map, customer, arbitration, ...) may be written in one file only.
/// </summary>
internal static class MapDocumentReader
{
    internal static readonly string[] TopLevelKeys =
    [
        "map", "version", "description", "customer", "tiers", "lifecycle", "segments", "objectives",
        "products", "channels", "scripts", "scenarios", "strategies", "models", "arbitration", "experiment",
        "suppression",
    ];

    public static MapDocument Read(IReadOnlyList<(string File, YamlNode? Root)> files, DiagnosticBag diagnostics) => Read(files, diagnostics, null);

    /// <summary>As <see cref="Read(IReadOnlyList{ValueTuple{string, YamlNode}}, DiagnosticBag)"/>, taking the declarations of list items read by the previous load from the same nodes.</summary>
    public static MapDocument Read(
        IReadOnlyList<(string File, YamlNode? Root)> files, DiagnosticBag diagnostics,
        ReuseTable<(YamlNode Node, string Section), (object? Declaration, Diagnostic[] Diagnostics)>? reuse)
    {
        var reader = new NodeReader(diagnostics);
        var sections = new SectionReader(reader, reuse);
        var document = new MapDocument { Location = files.Count > 0 ? SourceLocation.StartOf(files[0].File) : default };
        var singles = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);

        foreach (var (file, root) in files)
        {
            if (root is null)
            {
                continue;
            }

            if (root is YamlScalar { IsNull: true })
            {
                diagnostics.Warning(DiagnosticCodes.EmptyMap, "the file is empty", SourceLocation.StartOf(file));
                continue;
            }

            var top = reader.Mapping(root, "the map", TopLevelKeys);
            if (top is null)
            {
                continue;
            }

            foreach (var entry in top.Entries)
            {
                document = Apply(document, entry, sections, singles, diagnostics);
            }
        }

        return document;
    }

    private static MapDocument Apply(
        MapDocument doc, YamlEntry entry, SectionReader s, Dictionary<string, SourceLocation> singles, DiagnosticBag diagnostics)
    {
        var key = entry.Key.Value;
        var value = entry.Value;
        if (key is "map" or "version" or "description" or "customer" or "arbitration" or "experiment")
        {
            if (singles.TryGetValue(key, out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateSection,
                    $"section '{key}' is already written at {first}; write it in one file only", entry.Key.Location);
                return doc;
            }

            singles[key] = entry.Key.Location;
        }

        return key switch
        {
            "map" => doc with { Id = s.Reader.String(value, "'map'") },
            "version" => doc with { Version = s.Reader.String(value, "'version'") },
            "description" => doc with { Description = s.Reader.String(value, "'description'") },
            "customer" => doc with { Customer = s.Single(value, "customer", s.Customer)! },
            "tiers" => doc with { Tiers = [.. doc.Tiers, .. s.List(value, "tiers", n => s.Rule(n, "a tier"))] },
            "lifecycle" => doc with { Lifecycle = [.. doc.Lifecycle, .. s.List(value, "lifecycle", n => s.Rule(n, "a lifecycle stage"))] },
            "segments" => doc with { Segments = [.. doc.Segments, .. s.List(value, "segments", s.Segment)] },
            "objectives" => doc with { Objectives = [.. doc.Objectives, .. s.List(value, "objectives", s.Objective)] },
            "products" => doc with { Products = [.. doc.Products, .. s.List(value, "products", s.Product)] },
            "channels" => doc with { Channels = [.. doc.Channels, .. s.List(value, "channels", s.Channel)] },
            "scripts" => doc with { Scripts = [.. doc.Scripts, .. s.List(value, "scripts", s.Script)] },
            "scenarios" => doc with { Scenarios = [.. doc.Scenarios, .. s.List(value, "scenarios", s.Scenario)] },
            "strategies" => doc with { Strategies = [.. doc.Strategies, .. s.List(value, "strategies", s.Strategy)] },
            "models" => doc with { Models = [.. doc.Models, .. s.List(value, "models", s.Model)] },
            "suppression" => doc with { Suppression = [.. doc.Suppression, .. s.List(value, "suppression", s.Suppression)] },
            "arbitration" => doc with { Arbitration = s.Single(value, "arbitration", s.Arbitration)! },
            "experiment" => doc with { Experiment = s.Single(value, "experiment", s.Experiment) },
            _ => doc,
        };
    }
}
