using System.Runtime.CompilerServices;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Adaptive;

/// <summary>
/// The predictor values an offer was decided with, as the interaction history stores them beside the
/// offer (its <c>predictors</c>): one JSON object per offer of a strategy whose
/// propensity is an adaptive model, its predictors by name (a number, a bool, a string or null),
/// <c>tier</c> and <c>stage</c> included when the model uses them. Learning from a history bins a
/// contact by the values of the offer it delivered, as learning from files bins it by the snapshot.
/// </summary>
internal static class PredictorValues
{
    private static readonly ConditionalWeakTable<DecisionPlan, StrongBox<bool>> Adaptive = new();

    /// <summary>Whether any strategy of <paramref name="plan"/> has an adaptive propensity (worked out once per plan).</summary>
    public static bool HasAdaptive(DecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Adaptive.GetValue(plan, p => new StrongBox<bool>(p.Strategies.Any(s => s.Propensity is AdaptivePropensity))).Value;
    }

    /// <summary>
    /// The values of <paramref name="strategyId"/>'s adaptive predictors for <paramref name="customer"/>
    /// in <paramref name="tier"/> and <paramref name="stage"/>, as a JSON object; null when the
    /// strategy's propensity is not an adaptive model (or the plan has no such strategy).
    /// </summary>
    public static string? Write(DecisionPlan plan, string strategyId, CustomerRecord customer, string? tier, string? stage)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(customer);
        if (plan.Strategies.FirstOrDefault(s => s.Id == strategyId)?.Propensity is not AdaptivePropensity adaptive)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonConventions.LineWriter))
        {
            w.WriteStartObject();
            foreach (var p in adaptive.Model.Predictors)
            {
                if (p.Kind == PredictorKind.Category)
                {
                    if (p.Category(customer.Values, tier, stage) is { } value)
                    {
                        w.WriteString(p.Name, value);
                    }
                    else
                    {
                        w.WriteNull(p.Name);
                    }
                }
                else if (customer.Values.Real[p.Field!.Index] is not { } number)
                {
                    w.WriteNull(p.Name);
                }
                else if (p.Kind == PredictorKind.Bool)
                {
                    w.WriteBoolean(p.Name, number != 0);
                }
                else
                {
                    w.WriteNumber(p.Name, number);
                }
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads stored values back into a row of <paramref name="plan"/>'s customer layout (only the
    /// predictors' fields set) with the tier and stage they name, ready to be binned by
    /// <paramref name="model"/>. A predictor missing from the object, or of the wrong JSON type,
    /// reads as null (its null bin). Null when <paramref name="json"/> is not a JSON object.
    /// </summary>
    public static (ValueRow Values, string? Tier, string? Stage)? Read(DecisionPlan plan, AdaptiveModelPlan model, string json)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var row = new ValueRow(plan.Customer);
            string? tier = null, stage = null;
            foreach (var p in model.Predictors)
            {
                if (!root.TryGetProperty(p.Name, out var value))
                {
                    continue;
                }

                switch (p.Source, p.Kind, value.ValueKind)
                {
                    case (PredictorSource.Tier, _, JsonValueKind.String):
                        tier = value.GetString();
                        break;
                    case (PredictorSource.Stage, _, JsonValueKind.String):
                        stage = value.GetString();
                        break;
                    case (PredictorSource.Field, PredictorKind.Category, JsonValueKind.String):
                        row.Str[p.Field!.Slot] = value.GetString();
                        break;
                    case (PredictorSource.Field, PredictorKind.Bool, JsonValueKind.True or JsonValueKind.False):
                        row.Real[p.Field!.Index] = value.GetBoolean() ? 1 : 0;
                        break;
                    case (PredictorSource.Field, PredictorKind.Numeric, JsonValueKind.Number):
                        row.Real[p.Field!.Index] = value.GetDouble();
                        break;
                }
            }

            return (row, tier, stage);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
