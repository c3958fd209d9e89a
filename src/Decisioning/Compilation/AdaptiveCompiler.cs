using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// Compiles a <c>kind: adaptive</c> model: resolves its predictors against the customer layout and
/// reads its learned state (<c>state:</c>, relative to the map file that names it).
/// </summary>
internal static class AdaptiveCompiler
{

    /// <summary>The model as declared, with its state read through <paramref name="readFile"/> (the loader's reader, which counts its bytes in the map hash); null when it cannot be used.</summary>
    public static AdaptiveModelPlan? Compile(string id, AdaptiveModelDecl decl, RowLayout customer, DiagnosticBag diagnostics, Func<string, byte[]> readFile)
    {
        // A predictor that resolves to nothing has been reported by validation; the state is still
        // read, so that one run reports its problems too.
        var predictors = decl.Predictors.Select(p => Resolve(p, customer)).ToList();
        var state = decl.State is { } path ? ReadState(path, diagnostics, readFile) : null;
        if (predictors.Contains(null) || (decl.State is not null && state is null))
        {
            return null;
        }

        var resolved = predictors.OfType<AdaptivePredictor>().ToList();
        if (state is not null && !Matches(id, resolved, state, decl.State!.Value, diagnostics))
        {
            return null;
        }

        var window = decl.Window?.Value.Length ?? MapDefaults.AdaptiveWindow;

        return new AdaptiveModelPlan(
            id,
            resolved,
            decl.Prior?.Value ?? MapDefaults.AdaptivePrior,
            decl.PriorWeight?.Value ?? MapDefaults.AdaptivePriorWeight,
            decl.MinEvidence?.Value ?? MapDefaults.AdaptiveMinEvidence,
            window,
            decl.PositiveWritten ? [.. decl.Positive.Select(x => x.Value).Distinct()] : MapDefaults.AdaptivePositive,
            state)
        {
            StateSource = decl.State?.Value,
        };
    }

    /// <summary>The predictor as written, resolved; null when it names no usable field.</summary>
    public static AdaptivePredictor? Resolve(PredictorDecl p, RowLayout customer)
    {
        var name = p.Name.Value;
        var kind = p.HasEdges ? PredictorKind.Numeric : p.Kind!.Value.Value switch
        {
            "bool" => PredictorKind.Bool,
            "category" => PredictorKind.Category,
            _ => (PredictorKind?)null,
        };
        if (kind is not { } k)
        {
            return null;
        }

        if (name is "tier" or "stage")
        {
            return k == PredictorKind.Category
                ? new AdaptivePredictor(name, k, name == "tier" ? PredictorSource.Tier : PredictorSource.Stage, null, [])
                : null;
        }

        if (customer.Find(name) is not { } field || !AdaptiveRules.Fits(k, field.Type))
        {
            return null;
        }

        return new AdaptivePredictor(name, k, PredictorSource.Field, field, [.. p.Edges.Select(e => e.Value)]);
    }

    private static AdaptiveState? ReadState(Located<string> path, DiagnosticBag diagnostics, Func<string, byte[]> readFile)
    {
        var full = MapRelative.Path(path);
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(readFile(full)).TrimStart('\uFEFF');
        }
        catch (Files.MapFileRefusedException e)
        {
            diagnostics.Error(e.Code, $"state file '{path.Value}' is refused: {e.Message}", path.Location);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = File.Exists(full) ? e.Message : "it does not exist (a state path is relative to the map file that names it)";
            diagnostics.Error(DiagnosticCodes.AdaptiveState, $"cannot read state file '{path.Value}': {why}", path.Location);
            return null;
        }

        var state = AdaptiveStateJson.Read(text, out var error);
        if (state is null)
        {
            diagnostics.Error(DiagnosticCodes.AdaptiveState, $"state file '{path.Value}' is not a state: {error}", path.Location);
        }

        return state;
    }

    // Every instance of this model in the state must bin as the map does: a changed edge makes old counts meaningless.
    private static bool Matches(string id, List<AdaptivePredictor> predictors, AdaptiveState state, Located<string> path, DiagnosticBag diagnostics)
    {
        foreach (var instance in state.Instances.Values.Where(i => i.Model == id))
        {
            var same = instance.Predictors.Count == predictors.Count && instance.Predictors.Zip(predictors).All(x =>
                x.First.Name == x.Second.Name && x.First.Kind == x.Second.Kind && x.First.Edges.AsSpan().SequenceEqual(x.Second.Edges));
            if (!same)
            {
                diagnostics.Error(DiagnosticCodes.AdaptiveState,
                    $"state file '{path.Value}' was learned with other predictors for model '{id}' (strategy '{instance.Strategy}'): " +
                    "learn again with this map", path.Location);
                return false;
            }
        }

        return true;
    }
}

/// <summary>A path written in a map, relative to the map file that names it (lists, states).</summary>
internal static class MapRelative
{
    /// <summary>The full path of a file the map names (a list, a state), relative to the map file that names it.</summary>
    public static string Path(Located<string> path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder(path), path.Value));

    /// <summary>The folder of the map file that names <paramref name="path"/>: where MapFileRules keep its files.</summary>
    public static string Folder(Located<string> path) => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path.Location.File)) ?? ".";
}
