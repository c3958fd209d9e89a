using System.Security.Cryptography;
using Decisioning.Plan;

namespace Decisioning.Adaptive;

/// <summary>
/// A plan deciding with another learned state: how a host swaps in what it learned online, and how
/// <c>replay</c> decides again with the state a stored decision names.
/// </summary>
internal static class AdaptivePlans
{
    /// <summary>The prefix of a state version: the rest is the lowercase hex SHA-256 of the state file's bytes.</summary>
    public const string VersionPrefix = "sha256:";

    /// <summary>
    /// The states <paramref name="plan"/>'s adaptive models were loaded with (their <c>state:</c>
    /// files), each model's own instances only, added into one state; empty when none has a file.
    /// </summary>
    public static AdaptiveState Loaded(DecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var total = new AdaptiveState { Map = plan.MapId };
        foreach (var model in Models(plan).Values)
        {
            if (model.State is not { } state)
            {
                continue;
            }

            var own = new AdaptiveState { Map = state.Map, At = state.At };
            foreach (var (key, instance) in state.Instances.Where(i => i.Key.Model == model.ModelId))
            {
                own.Instances[key] = instance;
            }

            // Never a conflict: the loader refused a state that bins a model otherwise (DM074).
            total.Add(own);
        }

        return total;
    }

    /// <summary>
    /// <paramref name="plan"/> deciding with <paramref name="state"/> for every adaptive model (a
    /// strategy without an instance in it has no evidence), its trace naming
    /// <paramref name="version"/>. The state must bin as the plan's models do (learned for this plan,
    /// or for one with the same models).
    /// </summary>
    public static DecisionPlan WithState(DecisionPlan plan, AdaptiveState state, string version)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(version);
        var models = Models(plan).ToDictionary(m => m.Key, m => m.Value with { State = state, StateSource = version, StateVersion = version },
            StringComparer.Ordinal);
        return plan with
        {
            Strategies = [.. plan.Strategies.Select(s => s.Propensity is AdaptivePropensity a ? s with { Propensity = models[a.Model.ModelId].For(s.Id) } : s)],
        };
    }

    /// <summary>The version of a state file's bytes: <c>sha256:</c> and their lowercase hex SHA-256.</summary>
    public static string Version(ReadOnlySpan<byte> stateFile) => VersionPrefix + Convert.ToHexStringLower(SHA256.HashData(stateFile));

    /// <summary>The bytes <see cref="AdaptiveStateJson"/> writes for <paramref name="state"/>.</summary>
    public static byte[] Bytes(AdaptiveState state)
    {
        using var stream = new MemoryStream();
        AdaptiveStateJson.Write(state, stream);
        return stream.ToArray();
    }

    /// <summary>Whether two states hold the same counts, whatever their learning time.</summary>
    public static bool SameCounts(AdaptiveState a, AdaptiveState b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Bytes(Retimed(a)).AsSpan().SequenceEqual(Bytes(Retimed(b)));
    }

    private static AdaptiveState Retimed(AdaptiveState state)
    {
        var copy = new AdaptiveState { Map = state.Map };
        foreach (var (key, instance) in state.Instances)
        {
            copy.Instances[key] = instance;
        }

        return copy;
    }

    /// <summary>The plan's adaptive models by id (those its strategies decide with).</summary>
    public static Dictionary<string, AdaptiveModelPlan> Models(DecisionPlan plan)
    {
        var models = new Dictionary<string, AdaptiveModelPlan>(StringComparer.Ordinal);
        foreach (var s in plan.Strategies)
        {
            if (s.Propensity is AdaptivePropensity a)
            {
                models.TryAdd(a.Model.ModelId, a.Model);
            }
        }

        return models;
    }
}
