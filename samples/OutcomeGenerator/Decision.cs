using System.Text.Json;

namespace Decisioning.Samples.OutcomeGenerator;

/// <summary>What the simulator needs of a decision line: who, when, which group, which product.</summary>
public sealed record Decision(string CustomerId, DateTimeOffset At, string Group, string? Product)
{
    /// <summary>Null for lines that are not decisions with an experiment (errors, bad lines).</summary>
    public static Decision? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("customerId", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("at", out var at) || !at.TryGetDateTimeOffset(out var when)
                || !root.TryGetProperty("experiment", out var experiment) || experiment.ValueKind != JsonValueKind.Object
                || !experiment.TryGetProperty("group", out var group))
            {
                return null;
            }

            var arms = group.GetString() == "control" ? "counterfactual" : "actions";
            string? product = null;
            if (root.TryGetProperty(arms, out var actions) && actions.ValueKind == JsonValueKind.Array
                && actions.GetArrayLength() > 0 && actions[0].TryGetProperty("product", out var p))
            {
                product = p.GetString();
            }

            return new Decision(id.GetString()!, when, group.GetString() ?? "model", product);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
