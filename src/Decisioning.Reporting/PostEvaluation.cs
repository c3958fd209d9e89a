using Decisioning.Reporting.Aggregation;
using Decisioning.Reporting.Collection;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Maturity;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting;

/// <summary>
/// 经营回检 / 策略后评估: did the strategy map beat the control group? Streams a decision log
/// and an outcome log (each JSON Lines, in any order relative to each other) and compares the
/// model group with the control group, overall and per strategy (spec section 6).
/// </summary>
/// <remarks>
/// Memory grows with the number of customers in the experiment (one small record each), not with
/// the number of lines. Bad lines are counted, never thrown. Not thread-safe per call; separate
/// calls share nothing.
/// </remarks>
public static class PostEvaluation
{
    /// <summary>Reads both streams to their end; the caller owns and disposes them.</summary>
    public static Report Evaluate(Stream decisions, Stream outcomes, AttributionWindow? window = null) =>
        Evaluate(decisions, outcomes, window, learned: null);

    /// <summary>
    /// Reads both streams to their end; <paramref name="learned"/> gives the adaptive models'
    /// learned states by version, for the bins of the maturity view (null: unknown).
    /// </summary>
    public static Report Evaluate(Stream decisions, Stream outcomes, AttributionWindow? window, LearnedStates? learned)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(outcomes);
        window ??= AttributionWindow.Default;
        var decisionPass = new DecisionPass(new CustomerTable());
        var maturity = new MaturityCollector(window);
        decisionPass.Read(decisions, maturity);
        var outcomePass = new OutcomePass(decisionPass.Table, window);
        outcomePass.Read(outcomes, maturity);
        return ReportAssembler.Assemble(decisionPass, outcomePass, window) with
        {
            Adaptive = MaturityAssembler.ByVersion(maturity, learned),
        };
    }

    /// <summary>Reads two files; throws <see cref="IOException"/> when one cannot be opened.</summary>
    public static Report Evaluate(string decisionsPath, string outcomesPath, AttributionWindow? window = null) =>
        Evaluate(decisionsPath, outcomesPath, window, learned: null);

    /// <summary>Reads two files, with the learned states for the maturity view's bins; throws <see cref="IOException"/> when one cannot be opened.</summary>
    public static Report Evaluate(string decisionsPath, string outcomesPath, AttributionWindow? window, LearnedStates? learned)
    {
        using var decisions = OpenSequential(decisionsPath);
        using var outcomes = OpenSequential(outcomesPath);
        return Evaluate(decisions, outcomes, window, learned);
    }

    internal static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
