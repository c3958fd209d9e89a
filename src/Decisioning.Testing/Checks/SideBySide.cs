using System.Globalization;
using System.Text;
using Decisioning.Evaluation;

namespace Decisioning.Testing.Checks;

/// <summary>Two decisions of one customer as a two-column table, differing rows marked with <c>*</c>.</summary>
internal static class SideBySide
{
    public static string Format(Decision old, Decision now, IReadOnlySet<string> changed)
    {
        var rows = new List<(string Label, string Old, string New)>
        {
            ("version", old.Version, now.Version),
            ("tier", old.Tier ?? "null", now.Tier ?? "null"),
            ("stage", old.Stage ?? "null", now.Stage ?? "null"),
            ("segments", string.Join(", ", old.Segments), string.Join(", ", now.Segments)),
            ("experiment", Experiment(old), Experiment(now)),
        };
        var ids = old.Trace.Select(t => t.Strategy).Union(now.Trace.Select(t => t.Strategy));
        rows.AddRange(ids.Select(id => (changed.Contains(id) ? $"{id} (changed)" : id, Cell(old, id), Cell(now, id))));
        rows.Add(("actions", Actions(old.Actions), Actions(now.Actions)));
        if (old.Counterfactual is not null || now.Counterfactual is not null)
        {
            rows.Add(("counterfactual", Actions(old.Counterfactual ?? []), Actions(now.Counterfactual ?? [])));
        }

        var labelWidth = rows.Max(r => r.Label.Length);
        var oldWidth = Math.Max(rows.Max(r => r.Old.Length), 6);
        var text = new StringBuilder();
        text.Append("  ").Append("".PadRight(labelWidth)).Append("  ").Append("before".PadRight(oldWidth)).Append("  after\n");
        foreach (var (label, was, @is) in rows)
        {
            text.Append(was == @is || label == "version" ? "  " : "* ")
                .Append(label.PadRight(labelWidth)).Append("  ").Append(was.PadRight(oldWidth)).Append("  ").Append(@is).Append('\n');
        }

        return text.ToString();
    }

    private static string Experiment(Decision d) => d.Experiment is { } e
        ? string.Create(CultureInfo.InvariantCulture, $"{e.Group} (bucket {e.Bucket:0.####})")
        : "none";

    private static string Cell(Decision d, string id)
    {
        if (d.Trace.FirstOrDefault(t => t.Strategy == id) is not { } entry)
        {
            return "(not in this version)";
        }

        if (entry.Reason is null)
        {
            var action = (d.Counterfactual ?? d.Actions).FirstOrDefault(a => a.Strategy == id);
            return action is null ? "selected" : string.Create(CultureInfo.InvariantCulture, $"selected #{action.Rank} via {action.Channel}, score {action.Score:0.####}");
        }

        return entry.Reason == ReasonCodes.Arbitration ? "dropped by arbitration" : $"rejected: {entry.Reason}";
    }

    private static string Actions(IReadOnlyList<DecisionAction> actions) =>
        actions.Count == 0 ? "none" : string.Join("; ", actions.Select(a => $"#{a.Rank} {a.Strategy}"));
}
