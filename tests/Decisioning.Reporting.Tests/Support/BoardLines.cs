using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Decisioning.Reporting.Tests.Support;

/// <summary>An action of a hand-written decision line (spec sections 4, 9 and 11).</summary>
internal sealed record BoardAction(string Strategy, string Product, string Channel, int? Wave = null, bool Fallback = false);

/// <summary>A trace line: selected, or rejected with its reason.</summary>
internal sealed record BoardTrace(string Strategy, string? Reason = null)
{
    public string Outcome => Reason is null ? "selected" : "rejected";
}

/// <summary>
/// Builds decision lines in the shape the engine writes them with the keys of part two (<c>wave</c>,
/// <c>fallback</c>, <c>noAction</c>, <c>mapHash</c>, <c>shadow</c>), and responses with a strategy.
/// </summary>
internal static class BoardLines
{
    public static string Decision(
        string customerId,
        DateTimeOffset at,
        IReadOnlyList<BoardAction> actions,
        IReadOnlyList<BoardTrace> trace,
        string? group = null,
        IReadOnlyList<BoardAction>? counterfactual = null,
        string? noAction = null,
        IReadOnlyList<BoardAction>? shadow = null,
        double control = 0.2,
        string mapHash = "sha256:00ff")
    {
        var line = new JsonObject
        {
            ["customerId"] = customerId,
            ["map"] = "retail-wealth",
            ["version"] = "2026.11.1",
            ["mapHash"] = mapHash,
            ["at"] = DecisionLines.Time(at),
            ["tier"] = "wealth",
            ["stage"] = "active",
            ["segments"] = new JsonArray(),
        };
        if (group is not null)
        {
            line["experiment"] = new JsonObject { ["id"] = "nba-2026q4", ["group"] = group, ["bucket"] = 0.5, ["control"] = control };
        }

        line["actions"] = Actions(actions);
        if (counterfactual is not null)
        {
            line["counterfactual"] = Actions(counterfactual);
        }

        if (noAction is not null)
        {
            line["noAction"] = noAction;
        }

        line["trace"] = new JsonArray(trace.Select(t =>
        {
            var entry = new JsonObject { ["strategy"] = t.Strategy, ["outcome"] = t.Outcome };
            if (t.Reason is not null)
            {
                entry["reason"] = t.Reason;
            }

            return (JsonNode)entry;
        }).ToArray());
        if (shadow is not null)
        {
            line["shadow"] = new JsonObject { ["map"] = "retail-wealth", ["version"] = "2026.12.1", ["mapHash"] = "sha256:11ee", ["actions"] = Actions(shadow) };
        }

        return line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static string Response(string customerId, DateTimeOffset at, string? product, string kind, double? value = null, string? strategy = null)
    {
        var line = new JsonObject { ["customerId"] = customerId, ["at"] = DecisionLines.Time(at) };
        if (product is not null)
        {
            line["product"] = product;
        }

        if (strategy is not null)
        {
            line["strategy"] = strategy;
        }

        line["kind"] = kind;
        if (value is { } v)
        {
            line["value"] = v;
        }

        return line.ToJsonString();
    }

    private static JsonArray Actions(IReadOnlyList<BoardAction> actions) => new(actions.Select((a, i) =>
    {
        var action = new JsonObject
        {
            ["rank"] = i + 1,
            ["strategy"] = a.Strategy,
            ["objective"] = "aum-growth",
            ["scenario"] = "any-time",
            ["product"] = a.Product,
            ["channel"] = a.Channel,
            ["script"] = "您好，" + a.Product,
            ["score"] = 12.5,
            ["propensity"] = 0.1,
        };
        if (a.Wave is { } wave)
        {
            action["wave"] = wave;
        }

        if (a.Fallback)
        {
            action["fallback"] = true;
        }

        return (JsonNode)action;
    }).ToArray());

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
