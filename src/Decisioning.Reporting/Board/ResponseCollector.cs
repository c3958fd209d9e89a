using Decisioning.Files;
using Decisioning.Reporting.Collection;
using Decisioning.Reporting.Input;

namespace Decisioning.Reporting.Board;

/// <summary>
/// The board's pass over the outcomes. Each responded or converted outcome goes to the report's
/// own <see cref="OutcomePass"/> for the comparisons. Each outcome of any kind is also attributed
/// to the action it answers: the customer's latest action at or before it, within the window,
/// that it belongs to (its <c>strategy</c> when it names one, else its <c>product</c>: spec
/// section 9's rule); ties go to the higher wave, then the later line.
/// </summary>
internal sealed class ResponseCollector
{
    private readonly DecisionCollector decisions;
    private readonly long windowTicks;

    public ResponseCollector(DecisionCollector decisions, AttributionWindow window)
    {
        this.decisions = decisions;
        windowTicks = window.Length.Ticks;
        Report = new OutcomePass(decisions.Report.Table, window);
        decisions.Log.CloseDecisions();
    }

    public OutcomePass Report { get; }

    /// <summary>Valid outcome lines of any kind.</summary>
    public long Outcomes { get; private set; }

    public long Attributed { get; private set; }

    public long BadLines { get; private set; }

    public void Read(Stream outcomes)
    {
        // Cut at 16 MiB and counted bad, as every command reads lines (docs/cli.md): a file without
        // line breaks (/dev/zero) is read in bounded memory instead of growing one buffer past 2 GiB.
        var reader = new Utf8LineReader(outcomes, Utf8LineReader.MaxRecordLength);
        while (reader.TryReadLine(out var line))
        {
            Add(line);
        }
    }

    public void Add(ReadOnlySpan<byte> line)
    {
        if (Utf8LineReader.IsBlank(line))
        {
            return;
        }

        if (OutcomeLineParser.Parse(line) is not { } outcome)
        {
            BadLines++;
            return;
        }

        Outcomes++;
        decisions.Maturity.AddOutcome(outcome);
        if (outcome.Kind != OutcomeKind.Declined)
        {
            Report.Add(outcome);
        }

        var action = Answered(outcome);
        if (action < 0)
        {
            return;
        }

        Attributed++;
        ref var responses = ref decisions.Log.ResponsesOf(action);
        switch (outcome.Kind)
        {
            case OutcomeKind.Responded:
                responses.Responded++;
                break;
            case OutcomeKind.Declined:
                responses.Declined++;
                break;
            default:
                responses.Converted++;
                responses.Value += outcome.Value;
                break;
        }
    }

    private int Answered(OutcomeLine outcome)
    {
        var log = decisions.Log;
        var strategy = decisions.Strategies.Find(outcome.Strategy);
        var product = decisions.Products.Find(outcome.Product);
        if ((outcome.Strategy is not null && strategy < 0) || (outcome.Strategy is null && product < 0))
        {
            return -1;
        }

        var ticks = outcome.At.UtcTicks;
        var best = -1;
        for (var i = log.LastActionOf(outcome.CustomerId); i >= 0; i = log.Action(i).Next)
        {
            ref readonly var action = ref log.Action(i);
            var belongs = outcome.Strategy is not null ? action.Strategy == strategy : action.Product == product;
            if (!belongs || action.Ticks > ticks || ticks - action.Ticks > windowTicks)
            {
                continue;
            }

            // The chain runs newest line first, so on a tie the later line is already held.
            if (best < 0 || action.Ticks > log.Action(best).Ticks
                || (action.Ticks == log.Action(best).Ticks && action.Wave > log.Action(best).Wave))
            {
                best = i;
            }
        }

        return best;
    }
}
