using Decisioning.Model;

namespace Decisioning.Plan;

/// <summary>Which field types each predictor kind accepts (shared by validation and compilation).</summary>
internal static class AdaptiveRules
{
    public static bool Fits(PredictorKind kind, FieldType type) => kind switch
    {
        PredictorKind.Numeric => type.Kind is FieldKind.Int or FieldKind.Decimal,
        PredictorKind.Bool => type.Kind is FieldKind.Bool,
        _ => type.Kind is FieldKind.String,
    };
}
