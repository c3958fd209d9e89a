using System.Globalization;
using System.Text.Json;
using Decisioning.Plan;
using Spectre.Console;

namespace Decisioning.Cli.Commands;

/// <summary><c>explain</c>'s part on adaptive propensities: each instance's evidence, and the customer's bin of each predictor.</summary>
internal static class ExplainAdaptive
{
    public static void Render(IAnsiConsole console, IReadOnlyList<AdaptiveBreakdown> breakdowns)
    {
        foreach (var b in breakdowns)
        {
            var how = b.Mature ? "naive Bayes over the predictors" : "prior blend: below minEvidence, predictors unused";
            console.Write(new Rule(Markup.Escape($"Adaptive propensity {b.Model} for {b.Strategy}")).LeftJustified());
            console.WriteLine($"propensity {Number(b.Propensity)}, evidence {b.Evidence} ({b.Positives} positive, {b.Negatives} negative): {how}");
            var table = new Table().AddColumn("predictor").AddColumn("bin").AddColumn(new TableColumn("positive").RightAligned())
                .AddColumn(new TableColumn("negative").RightAligned()).AddColumn(new TableColumn("bins").RightAligned())
                .AddColumn(new TableColumn("term").RightAligned());
            foreach (var p in b.Predictors)
            {
                table.AddRow(Markup.Escape(p.Predictor), Markup.Escape(p.Bin ?? "(null)"), p.Positive.ToString(CultureInfo.InvariantCulture),
                    p.Negative.ToString(CultureInfo.InvariantCulture), p.Bins.ToString(CultureInfo.InvariantCulture),
                    b.Mature ? Number(p.Term) : "(unused)");
            }

            console.Write(table);
        }
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<AdaptiveBreakdown> breakdowns)
    {
        w.WriteStartArray("adaptive");
        foreach (var b in breakdowns)
        {
            w.WriteStartObject();
            w.WriteString("model", b.Model);
            w.WriteString("strategy", b.Strategy);
            w.WriteNumber("propensity", b.Propensity);
            w.WriteNumber("evidence", b.Evidence);
            w.WriteNumber("positives", b.Positives);
            w.WriteNumber("negatives", b.Negatives);
            w.WriteBoolean("mature", b.Mature);
            w.WriteStartArray("predictors");
            foreach (var p in b.Predictors)
            {
                w.WriteStartObject();
                w.WriteString("predictor", p.Predictor);
                if (p.Bin is null)
                {
                    w.WriteNull("bin");
                }
                else
                {
                    w.WriteString("bin", p.Bin);
                }

                w.WriteNumber("positive", p.Positive);
                w.WriteNumber("negative", p.Negative);
                w.WriteNumber("bins", p.Bins);
                w.WriteNumber("term", p.Term);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
