using Decisioning.Reporting.Board;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting;

/// <summary>
/// 策略管理看板: follows every strategy over time. Streams a decision log and an outcome log (JSON
/// Lines) into a <see cref="Dashboard"/>: per strategy and period the customers reached, actions
/// by wave and channel, responses, conversions and value, and the model-versus-control comparison
/// of <see cref="PostEvaluation"/>; the decision funnel from the traces; customers left with no
/// action; shadow agreement.
/// </summary>
/// <remarks>
/// Memory grows with the decisions and actions (a few dozen bytes each, in flat arrays) and the
/// customers, not with the bytes of the log. Bad lines are counted, never thrown. Not thread-safe
/// per call; separate calls share nothing.
/// </remarks>
public static class StrategyBoard
{
    /// <summary>Reads both streams to their end; the caller owns and disposes them.</summary>
    /// <exception cref="ArgumentException">The period cuts the log into more than <see cref="BoardOptions.MaxPeriods"/> periods.</exception>
    public static Dashboard Build(Stream decisions, Stream outcomes, BoardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new BoardOptions();
        var collector = new DecisionCollector(options.Window);
        collector.Read(decisions);
        var responses = new ResponseCollector(collector, options.Window);
        responses.Read(outcomes);
        return new BoardAssembler(collector, responses, options).Assemble();
    }

    /// <summary>
    /// Builds from lines held in memory (a host's recent decisions): each decision and outcome line
    /// is one JSON object without its newline.
    /// </summary>
    public static Dashboard Build(IEnumerable<ReadOnlyMemory<byte>> decisions, IEnumerable<ReadOnlyMemory<byte>> outcomes, BoardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new BoardOptions();
        var collector = new DecisionCollector(options.Window);
        foreach (var line in decisions)
        {
            collector.Add(line.Span);
        }

        var responses = new ResponseCollector(collector, options.Window);
        foreach (var line in outcomes)
        {
            responses.Add(line.Span);
        }

        return new BoardAssembler(collector, responses, options).Assemble();
    }

    /// <summary>Reads two files; throws <see cref="IOException"/> when one cannot be opened.</summary>
    public static Dashboard Build(string decisionsPath, string outcomesPath, BoardOptions? options = null)
    {
        using var decisions = PostEvaluation.OpenSequential(decisionsPath);
        using var outcomes = PostEvaluation.OpenSequential(outcomesPath);
        return Build(decisions, outcomes, options);
    }
}
