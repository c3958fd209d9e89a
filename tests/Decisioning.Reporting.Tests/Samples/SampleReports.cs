using System.Text;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Samples.OutcomeGenerator;

namespace Decisioning.Reporting.Tests.Samples;

/// <summary>Runs samples/OutcomeGenerator as the README does, in memory.</summary>
internal static class SampleReports
{
    public static Report Run(double uplift, bool noise = false, int customers = 40000)
    {
        using var decisions = new MemoryStream();
        SyntheticDecisions.Write(decisions, new DecisionOptions(customers, Noise: noise));
        var decisionText = Encoding.UTF8.GetString(decisions.ToArray());
        var outcomes = new StringWriter();
        OutcomeSimulator.Write(new StringReader(decisionText), outcomes, new OutcomeOptions(Uplift: uplift, Noise: noise));
        using var d = new MemoryStream(Encoding.UTF8.GetBytes(decisionText));
        using var o = new MemoryStream(Encoding.UTF8.GetBytes(outcomes.ToString()));
        return PostEvaluation.Evaluate(d, o, AttributionWindow.Default);
    }
}
