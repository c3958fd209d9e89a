using Decisioning.Files;
using Decisioning.Loading;
using Decisioning.Plan;

namespace Decisioning.History;

/// <summary>
/// The map versions found under some folders, by their hash: every folder (the given ones and
/// every folder below them) that holds YAML files is tried as a map folder, and every YAML file
/// that declares a <c>map:</c> as a single-file map. What loads without errors is kept under its
/// <see cref="DecisionPlan.MapHash"/>; the rest is counted. How <c>replay</c> finds the very map
/// version a stored decision was made with.
/// </summary>
public sealed class MapCatalog
{
    private readonly Dictionary<string, DecisionPlan> _byHash = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DecisionPlan, Evaluation.Evaluator> _evaluators = new(ReferenceEqualityComparer.Instance);

    /// <summary>Loads every map under <paramref name="folders"/>.</summary>
    public MapCatalog(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in folders)
        {
            if (File.Exists(root))
            {
                candidates.Add(Path.GetFullPath(root));
                continue;
            }

            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"no folder '{root}'");
            }

            foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
            {
                var yaml = Directory.EnumerateFiles(folder).Where(IsYaml).ToList();
                if (yaml.Count > 0)
                {
                    candidates.Add(Path.GetFullPath(folder));
                }

                // A file of a folder map declares no `map:` of its own, so it is not tried alone.
                candidates.UnionWith(yaml.Where(DeclaresMap).Select(Path.GetFullPath));
            }
        }

        foreach (var candidate in candidates)
        {
            var loaded = MapLoader.Load(candidate);
            if (loaded.Plan is { } plan)
            {
                _byHash.TryAdd(plan.MapHash, plan);
            }
            else
            {
                Invalid++;
            }
        }
    }

    /// <summary>How many map versions were found (distinct hashes).</summary>
    public int Count => _byHash.Count;

    /// <summary>How many candidates did not load (not maps, or maps with errors).</summary>
    public int Invalid { get; }

    /// <summary>The map version with hash <paramref name="hash"/>, or null.</summary>
    public DecisionPlan? Find(string? hash) => hash is null ? null : _byHash.GetValueOrDefault(hash);

    /// <summary>The evaluator of a plan this catalog found (made once).</summary>
    public Evaluation.Evaluator EvaluatorFor(DecisionPlan plan) => _evaluators.GetOrAdd(plan, p => new Evaluation.Evaluator(p));

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    // Only a regular file is opened: a FIFO or a device named *.yaml under a folder must not hang the catalog.
    private static bool DeclaresMap(string path) =>
        MapFileRules.IsRegularFile(path) && File.ReadLines(path).Any(line => line.StartsWith("map:", StringComparison.Ordinal));
}
