using System.Globalization;
using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>How a predictor cuts its values into bins.</summary>
public enum PredictorKind
{
    /// <summary>A number field with bin edges: <c>(-inf, e1) [e1, e2) ... [en, +inf)</c>.</summary>
    Numeric,

    /// <summary>A bool field: <c>false</c> and <c>true</c>.</summary>
    Bool,

    /// <summary>A string field, <c>tier</c> or <c>stage</c>: one bin per value seen, one for a value never seen.</summary>
    Category,
}

/// <summary>Where a predictor's value comes from.</summary>
internal enum PredictorSource
{
    Field,
    Tier,
    Stage,
}

/// <summary>
/// One predictor of an adaptive model, resolved against the map's customer layout: where its value
/// is read and how it is binned. The single binning rule used by deciding, learning and explaining.
/// </summary>
/// <remarks>
/// Bin indexes: 0 is the null bin of every predictor; a numeric predictor's value v is in bin
/// 1 + (the number of edges &lt;= v); a bool is in bin 1 (false) or 2 (true). A category's bins are
/// keyed by its value instead (<see cref="Category"/>), since which values exist is learned.
/// </remarks>
internal sealed class AdaptivePredictor
{
    public const int NullBin = 0;

    public AdaptivePredictor(string name, PredictorKind kind, PredictorSource source, FieldSlot? field, double[] edges)
    {
        Name = name;
        Kind = kind;
        Source = source;
        Field = field;
        Edges = edges;
    }

    public string Name { get; }
    public PredictorKind Kind { get; }
    public PredictorSource Source { get; }

    /// <summary>The customer field read, when <see cref="Source"/> is <see cref="PredictorSource.Field"/>.</summary>
    public FieldSlot? Field { get; }

    /// <summary>Ascending bin edges of a numeric predictor; empty otherwise.</summary>
    public double[] Edges { get; }

    /// <summary>The number of bins of a numeric or bool predictor, the null bin included.</summary>
    public int FixedBins => Kind switch
    {
        PredictorKind.Numeric => Edges.Length + 2,
        PredictorKind.Bool => 3,
        _ => 1,
    };

    /// <summary>The bin of a numeric or bool predictor's value (never allocates).</summary>
    public int FixedBin(ValueRow row)
    {
        if (row.Real[Field!.Index] is not { } value)
        {
            return NullBin;
        }

        if (Kind == PredictorKind.Bool)
        {
            return value != 0 ? 2 : 1;
        }

        var edges = Edges;
        var bin = 1;
        while (bin - 1 < edges.Length && value >= edges[bin - 1])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>A category predictor's value (null for the null bin).</summary>
    public string? Category(ValueRow row, string? tier, string? stage) => Source switch
    {
        PredictorSource.Tier => tier,
        PredictorSource.Stage => stage,
        _ => row.Str[Field!.Slot],
    };

    /// <summary>The label of a numeric or bool bin, as the state file and <c>explain</c> write it; null for the null bin.</summary>
    public string? FixedLabel(int bin)
    {
        if (bin == NullBin)
        {
            return null;
        }

        if (Kind == PredictorKind.Bool)
        {
            return bin == 2 ? "true" : "false";
        }

        var low = bin == 1 ? "(-inf" : "[" + Format(Edges[bin - 2]);
        var high = bin - 1 == Edges.Length ? "+inf)" : Format(Edges[bin - 1]) + ")";
        return low + "," + high;
    }

    /// <summary>The kind as the state file writes it.</summary>
    public static string KindName(PredictorKind kind) => kind switch
    {
        PredictorKind.Numeric => "numeric",
        PredictorKind.Bool => "bool",
        _ => "category",
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
