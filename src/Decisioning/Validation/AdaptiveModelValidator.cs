using Decisioning.Plan;
using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;

namespace Decisioning.Validation;

/// <summary>The keys of a <c>kind: adaptive</c> model (docs/adaptive.md), each problem at its place.</summary>
internal static class AdaptiveModelValidator
{
    /// <summary>The response kinds a <c>positive</c> list may name.</summary>
    public static readonly IReadOnlyList<string> ResponseKinds = ["responded", "declined", "converted"];

    public static void Check(ValidationContext<ModelDecl> ctx, ModelDecl m, MapSymbols symbols)
    {
        var adaptive = m.Kind?.Value == "adaptive";
        if (!adaptive)
        {
            if (m.Adaptive is { } stray && m.Kind is not null)
            {
                ctx.Report(DiagnosticCodes.BadValue,
                    $"predictors, prior, priorWeight, minEvidence, window, positive and state apply to adaptive models only, not to kind '{m.Kind.Value.Value}'",
                    stray.Location);
            }

            return;
        }

        if (m.Intercept is { } intercept)
        {
            ctx.Report(DiagnosticCodes.BadValue, "'intercept' applies to logistic models only", intercept.Location);
        }

        if (m.Coefficients.Count > 0)
        {
            ctx.Report(DiagnosticCodes.BadValue, "'coefficients' apply to logistic models only", m.Coefficients[0].Field.Location);
        }

        var a = m.Adaptive ?? new AdaptiveModelDecl { Location = m.Location };
        foreach (var p in a.Predictors)
        {
            Predictor(ctx, p, symbols);
        }

        ctx.CheckRange(a.Prior, 0, 1, "an adaptive model's prior");
        ctx.CheckRange(a.PriorWeight, 0, double.PositiveInfinity, "an adaptive model's priorWeight");
        ctx.CheckRange(a.MinEvidence, 0, double.PositiveInfinity, "an adaptive model's minEvidence");
        ctx.CheckDuration(a.Window, "an adaptive model's window");
        if (a.Window is { Value.Length: { } window } w && window <= TimeSpan.Zero)
        {
            ctx.Report(DiagnosticCodes.OutOfRange, $"an adaptive model's window must be longer than 0, not '{w.Value}'", w.Location);
        }

        foreach (var kind in a.Positive)
        {
            ctx.CheckOneOf(kind, ResponseKinds, "a positive response kind");
        }

        if (a.PositiveWritten && a.Positive.Count == 0)
        {
            ctx.Report(DiagnosticCodes.BadValue, "'positive' needs at least one response kind: responded, declined or converted", a.Location);
        }
    }

    private static void Predictor(ValidationContext<ModelDecl> ctx, PredictorDecl p, MapSymbols symbols)
    {
        var name = p.Name.Value;
        if (!p.HasEdges && p.Kind!.Value.Value is not ("bool" or "category"))
        {
            ctx.Report(DiagnosticCodes.AdaptivePredictor,
                $"predictor '{name}' must be a list of bin edges, 'bool' or 'category', not '{p.Kind.Value.Value}'" +
                Parsing.Suggestions.DidYouMean(p.Kind.Value.Value, ["bool", "category"]),
                p.Kind.Value.Location);
            return;
        }

        var kind = p.HasEdges ? PredictorKind.Numeric : p.Kind!.Value.Value == "bool" ? PredictorKind.Bool : PredictorKind.Category;
        if (name is "tier" or "stage")
        {
            if (kind != PredictorKind.Category)
            {
                ctx.Report(DiagnosticCodes.AdaptivePredictor, $"predictor '{name}' must be 'category'", p.Location);
            }
        }
        else if (!symbols.Fields.TryGetValue(name, out var type))
        {
            ctx.Report(DiagnosticCodes.AdaptivePredictor,
                $"predictor '{name}' is not a customer field, 'tier' or 'stage'" +
                Parsing.Suggestions.DidYouMean(name, [.. symbols.Fields.Keys, "tier", "stage"]),
                p.Name.Location);
        }
        else if (!AdaptiveRules.Fits(kind, type))
        {
            var fits = type.Kind switch
            {
                FieldKind.Int or FieldKind.Decimal => "bin edges such as [30, 45, 60]",
                FieldKind.Bool => "'bool'",
                FieldKind.String => "'category'",
                _ => "nothing: a date field cannot be a predictor",
            };
            ctx.Report(DiagnosticCodes.AdaptivePredictor, $"predictor '{name}' is a field of type {type}; it takes {fits}", p.Location);
        }

        if (!p.HasEdges)
        {
            return;
        }

        if (p.Edges.Count == 0)
        {
            ctx.Report(DiagnosticCodes.AdaptiveEdges, $"predictor '{name}' needs at least one bin edge", p.Location);
        }

        for (var i = 1; i < p.Edges.Count; i++)
        {
            if (p.Edges[i].Value <= p.Edges[i - 1].Value)
            {
                ctx.Report(DiagnosticCodes.AdaptiveEdges,
                    $"bin edges of predictor '{name}' must be strictly ascending: {AdaptivePredictor.Format(p.Edges[i].Value)} " +
                    $"follows {AdaptivePredictor.Format(p.Edges[i - 1].Value)}",
                    p.Edges[i].Location);
            }
        }
    }
}
