using Decisioning.Evaluation;
using Spectre.Console;

namespace Decisioning.Cli.Infrastructure;

/// <summary>
/// The one-screen summary <c>evaluate</c> and <c>batch</c> print to stderr at their end, so that
/// stdout stays the decisions: customers and errors, actions per strategy, no-action by reason.
/// </summary>
internal static class TallySummary
{
    public static void Print(TextWriter error, DecisionTally tally)
    {
        error.WriteLine(CliIo.Invariant($"{tally.Customers + tally.Errors:N0} customers: {tally.Customers:N0} decided, {tally.Errors:N0} errors"));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("strategy").AddColumn(new TableColumn("actions").RightAligned());
        foreach (var (strategy, actions) in tally.Actions)
        {
            table.AddRow(Markup.Escape(strategy), CliIo.Invariant($"{actions:N0}"));
        }

        var noAction = new Table().Border(TableBorder.Simple)
            .AddColumn("no action: reason").AddColumn(new TableColumn("customers").RightAligned());
        foreach (var (reason, count) in tally.NoAction)
        {
            noAction.AddRow(Markup.Escape(reason), CliIo.Invariant($"{count:N0}"));
        }

        var console = ConsoleViews.For(error);
        console.Write(table);
        if (tally.NoAction.Count > 0)
        {
            console.Write(noAction);
        }
    }
}
