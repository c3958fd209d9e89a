using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Snapshots;

namespace Decisioning.Benchmarks.Inputs;

/// <summary>Which customers a decision benchmark cycles through.</summary>
public enum Profile
{
    /// <summary>The 1,024 sample customers with the most strategies passing every gate.</summary>
    Pass,

    /// <summary>The 1,024 with the fewest (most strategies rejected early).</summary>
    Fail,

    /// <summary>The first 1,024 of the sample file, as generated.</summary>
    Mixed,
}

/// <summary>The sample map and customers, found from the repository root, parsed once per process.</summary>
public static class Samples
{
    public const int Count = 1024;

    /// <summary>The decision time the sample customers were generated for.</summary>
    public static readonly DateTime At = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    public static string Root { get; } = FindRoot();

    /// <summary>Every file parsed and every expression compiled afresh: a map never seen before (no expression cache, nothing reused from an earlier load).</summary>
    public static MapLoadOptions Uncached { get; } = new() { ExpressionCache = null, Reuse = null };

    public static string MapPath => Path.Combine(Root, "strategies", "retail-wealth");

    public static string CustomersPath => Path.Combine(Root, "samples", "customers.jsonl");

    /// <summary>A map loaded with the process-wide expression cache and the previous load of the same folder (what a host's reload does), or without either.</summary>
    public static DecisionPlan Load(string path, bool cached = true)
    {
        var loaded = MapLoader.Load(path, cached ? MapLoadOptions.Default : Uncached);
        return loaded.Plan ?? throw new InvalidOperationException(
            $"{path} does not load: {string.Join("; ", loaded.Diagnostics.Select(d => d.ToString()))}");
    }

    /// <summary>Every valid sample customer, read into <paramref name="plan"/>'s layout.</summary>
    public static List<CustomerRecord> Customers(DecisionPlan plan)
    {
        var reader = new SnapshotReader(plan);
        return [.. File.ReadLines(CustomersPath).Select(l => reader.Read(l).Customer).OfType<CustomerRecord>()];
    }

    /// <summary>1,024 customers of a profile, ranked by how many strategies reach arbitration.</summary>
    public static CustomerRecord[] Pick(DecisionPlan plan, Profile profile)
    {
        var all = Customers(plan);
        if (profile == Profile.Mixed)
        {
            return [.. all.Take(Count)];
        }

        var evaluator = new Evaluator(plan);
        var ranked = all.OrderBy(c => Passing(evaluator.Decide(c, At))).ThenBy(c => c.Id, StringComparer.Ordinal);
        return [.. (profile == Profile.Pass ? ranked.Reverse() : ranked).Take(Count)];
    }

    private static int Passing(Decision d) => d.Trace.Count(t => t.Reason is null or ReasonCodes.Arbitration);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decisioning.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository: Decisioning.sln was not found above " + AppContext.BaseDirectory);
    }
}
