using Decisioning.Files;
using Decisioning.Loading;
using Decisioning.Plan;

namespace Decisioning.History;

/// <summary>
/// The map versions found under some folders, by their hash: every folder (the given ones and
/// every folder below them) that holds YAML files is tried as a map folder, and every YAML file
/// that declares a <c>map:</c> as a single-file map. What loads without errors is kept under its
/// <see cref="DecisionPlan.MapHash"/>; the rest is counted. How <c>replay</c> finds the very map
/// version a stored decision was made with. Adaptive state files (<c>*.json</c> of the state format,
/// as a host writes the states it learned online) are kept by their version, for decisions whose
/// trace names the state they were decided with.
/// </summary>
internal sealed class MapCatalog
{
    private readonly Dictionary<string, DecisionPlan> _byHash = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DecisionPlan, Evaluation.Evaluator> _evaluators = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, AdaptiveState> _states = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Hash, string State), DecisionPlan> _withStates = new();

    /// <summary>Loads every map under <paramref name="folders"/>.</summary>
    public MapCatalog(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in folders)
        {
            if (File.Exists(root))
            {
                if (!TryAddState(root))
                {
                    candidates.Add(Path.GetFullPath(root));
                }

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
                foreach (var json in Directory.EnumerateFiles(folder, "*.json"))
                {
                    TryAddState(json);
                }
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

    /// <summary>How many adaptive states were found (distinct versions).</summary>
    internal int States => _states.Count;

    /// <summary>The map versions found, in the order they were loaded (folders and files by path).</summary>
    internal IEnumerable<DecisionPlan> Plans => _byHash.Values;

    /// <summary>The adaptive states found, by version.</summary>
    internal IReadOnlyDictionary<string, AdaptiveState> StateVersions => _states;

    /// <summary>
    /// <paramref name="plan"/> (found by this catalog) deciding with the state of version
    /// <paramref name="stateVersion"/> (made once), or null when no such state was found.
    /// </summary>
    internal DecisionPlan? WithState(DecisionPlan plan, string stateVersion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return _states.TryGetValue(stateVersion, out var state)
            ? _withStates.GetOrAdd((plan.MapHash, stateVersion), _ => Adaptive.AdaptivePlans.WithState(plan, state, stateVersion))
            : null;
    }

    /// <summary>The evaluator of a plan this catalog found (made once).</summary>
    public Evaluation.Evaluator EvaluatorFor(DecisionPlan plan) => _evaluators.GetOrAdd(plan, p => new Evaluation.Evaluator(p));

    // A regular file of the state format, at most the size a map may name, kept under its version.
    private bool TryAddState(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !MapFileRules.IsRegularFile(path) ||
            new FileInfo(path).Length > MapFileRules.MaxNamedFileBytes)
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        if (Plan.AdaptiveStateJson.Read(System.Text.Encoding.UTF8.GetString(bytes), out _) is not { } state)
        {
            return false;
        }

        _states.TryAdd(Adaptive.AdaptivePlans.Version(bytes), state);
        return true;
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    // Only a regular file is opened: a FIFO or a device named *.yaml under a folder must not hang the catalog.
    private static bool DeclaresMap(string path) =>
        MapFileRules.IsRegularFile(path) && File.ReadLines(path).Any(line => line.StartsWith("map:", StringComparison.Ordinal));
}
