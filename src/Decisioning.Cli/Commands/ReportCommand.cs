using System.CommandLine;
using Decisioning.Cli.Infrastructure;
using Decisioning.Reporting;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Rendering;
using Decisioning.Reporting.Rendering.Text;
using Decisioning.Serialization;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning report --decisions FILE.jsonl --outcomes FILE.jsonl [--window 30d] [--maps DIR...] --out DIR</c>:
/// model group versus control group (spec section 6), as DIR/report.json and DIR/report.html, with
/// each adaptive model's maturity per learned-state version (its bins when <c>--maps</c> finds the states).
/// Exit 0; 1 when a file cannot be read or written or the window is not a duration.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var decisions = new Option<FileInfo?>("--decisions") { Description = "Decision log, one decision a line (from evaluate or batch)" };
        var outcomes = new Option<FileInfo?>("--outcomes") { Description = "Outcomes, one {customerId, at, product, kind, value} a line" };
        var store = new HistoryStoreOption();
        var window = new Option<string>("--window") { Description = "How long after a decision its outcomes count: <n>d, <n>h or <n>m", DefaultValueFactory = _ => "30d" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for report.json and report.html", Required = true };
        var states = new LearnedStatesOption();
        var command = store.AddTo(new Command("report", "Post-evaluation: did the strategy map beat the control group?") { decisions, outcomes, window, states.Maps, output });
        command.SetAction(parse =>
        {
            if (!AttributionWindow.TryParse(parse.GetValue(window), out var attribution))
            {
                context.Error.WriteLine($"error: --window '{parse.GetValue(window)}' is not a duration such as 30d, 12h or 90m");
                return 1;
            }

            // Files, or a history's decisions and responses as the same lines.
            // As given (FileInfo.ToString), so that an error names the file as the user wrote it.
            var (decisionFile, outcomeFile) = (parse.GetValue(decisions)?.ToString(), parse.GetValue(outcomes)?.ToString());
            if ((decisionFile is null || outcomeFile is null) && !store.Given(parse))
            {
                context.Error.WriteLine("error: give --decisions and --outcomes, or a history with --db or --postgres");
                return 1;
            }

            if (!states.TryRead(parse, context, out var learned))
            {
                return 1;
            }

            using var history = decisionFile is null || outcomeFile is null ? store.Open(parse, context) : null;
            if (history is null && (decisionFile is null || outcomeFile is null))
            {
                return 1;
            }

            try
            {
                Decisioning.Reporting.Model.Report report;
                using (var decisionLines = HistoryStoreOption.OpenLines(decisionFile, history, HistoryTransfer.DecisionStream))
                using (var outcomeLines = HistoryStoreOption.OpenLines(outcomeFile, history, HistoryTransfer.OutcomeStream))
                {
                    report = PostEvaluation.Evaluate(decisionLines, outcomeLines, attribution, learned);
                }

                var directory = parse.GetValue(output)!.FullName;
                ReportFiles.Write(report, directory);
                foreach (var line in ReportSummary.Lines(report))
                {
                    context.Out.WriteLine(line);
                }

                context.Out.WriteLine($"wrote {Path.Combine(directory, ReportFiles.JsonName)} and {Path.Combine(directory, ReportFiles.HtmlName)}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
