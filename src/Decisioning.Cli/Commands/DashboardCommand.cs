using System.CommandLine;
using System.Globalization;
using Decisioning.Cli.Infrastructure;
using Decisioning.Reporting;
using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering;
using Decisioning.Reporting.Rendering.Board;
using Decisioning.Serialization;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning dashboard (--decisions F --outcomes F | --db PATH | --postgres CS) [--period 7d]
/// [--window 30d] [--lang en|zh] [--map MAP] [--maps DIR...] --out DIR</c>: the strategy board (策略管理看板) as
/// DIR/dashboard.json and DIR/dashboard.html, from files or from the interaction history (its
/// served decisions and responses, read as the same lines the files hold, so both give the same
/// board). Exit 0; 1 when a file or the history cannot be read or written, a duration or the
/// language is not understood, the map is invalid, or the period cuts the log into too many periods.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliContext context)
    {
        var decisions = new Option<FileInfo?>("--decisions") { Description = "Decision log, one decision a line (from evaluate or batch)" };
        var outcomes = new Option<FileInfo?>("--outcomes") { Description = "Outcomes and responses, one {customerId, at, product, strategy?, kind, value} a line" };
        var store = new HistoryStoreOption();
        var period = new Option<string>("--period") { Description = "Length of a period, counted from the earliest decision: <n>d, <n>h or <n>m", DefaultValueFactory = _ => "7d" };
        var window = new Option<string>("--window") { Description = "How long after a decision its outcomes count, as for report", DefaultValueFactory = _ => "30d" };
        var lang = new Option<string>("--lang") { Description = "Language of the page's labels: en or zh", DefaultValueFactory = _ => "en" };
        var map = new Option<string?>("--map") { Description = "The map (file or folder), for the channels' daily capacity" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for dashboard.json and dashboard.html", Required = true };
        var states = new LearnedStatesOption();
        var command = store.AddTo(new Command("dashboard", "The strategy board: every strategy over time, the decision funnel, customers with no action")
        {
            decisions, outcomes, period, window, lang, map, states.Maps, output,
        });
        command.SetAction(parse =>
        {
            if (!Duration(parse.GetValue(period), "--period", context, out var periodLength)
                || !Duration(parse.GetValue(window), "--window", context, out var windowLength))
            {
                return 1;
            }

            if (!BoardLanguages.TryParse(parse.GetValue(lang), out var language))
            {
                context.Error.WriteLine($"error: --lang '{parse.GetValue(lang)}' must be en or zh");
                return 1;
            }

            // Files, or a history's decisions and responses as the same lines.
            var (decisionFile, outcomeFile) = (parse.GetValue(decisions)?.ToString(), parse.GetValue(outcomes)?.ToString());
            var fromFiles = decisionFile is not null && outcomeFile is not null;
            if (!fromFiles && !store.Given(parse))
            {
                context.Error.WriteLine("error: give --decisions and --outcomes, or a history with --db or --postgres");
                return 1;
            }

            var capacity = new Dictionary<string, long>(StringComparer.Ordinal);
            if (parse.GetValue(map) is { } mapPath)
            {
                var loaded = CliIo.LoadMap(mapPath, context);
                if (!loaded.Success)
                {
                    return 1;
                }

                foreach (var channel in loaded.Plan!.Channels.Where(c => c.CapacityPerDay is not null))
                {
                    capacity[channel.Id] = channel.CapacityPerDay!.Value;
                }
            }

            if (!states.TryRead(parse, context, out var learned))
            {
                return 1;
            }

            using var history = fromFiles ? null : store.Open(parse, context);
            if (!fromFiles && history is null)
            {
                return 1;
            }

            try
            {
                var options = new BoardOptions { Period = periodLength, Window = windowLength, ChannelCapacity = capacity, Learned = learned };
                Dashboard board;
                using (var decisionLines = HistoryStoreOption.OpenLines(decisionFile, history, HistoryTransfer.DecisionStream))
                using (var outcomeLines = HistoryStoreOption.OpenLines(outcomeFile, history, HistoryTransfer.OutcomeStream))
                {
                    board = StrategyBoard.Build(decisionLines, outcomeLines, options);
                }

                var directory = parse.GetValue(output)!.FullName;
                DashboardFiles.Write(board, directory, language);
                context.Out.WriteLine(Summary(board));
                context.Out.WriteLine($"wrote {Path.Combine(directory, DashboardFiles.JsonName)} and {Path.Combine(directory, DashboardFiles.HtmlName)}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Data.Common.DbException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static bool Duration(string? text, string option, CliContext context, out AttributionWindow duration)
    {
        if (AttributionWindow.TryParse(text, out duration))
        {
            return true;
        }

        context.Error.WriteLine($"error: {option} '{text}' is not a duration such as 7d, 12h or 90m");
        return false;
    }

    private static string Summary(Dashboard board)
    {
        var counts = board.Counts;
        var srm = board.Totals.Srm.Mismatch || board.Periods.Any(p => p.Srm.Mismatch) ? "; WARNING: sample-ratio mismatch" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{counts.Decisions:N0} decisions of {counts.Customers:N0} customers in {board.Periods.Count:N0} periods of {board.Period}; {board.Strategies.Count:N0} strategies, {counts.Actions:N0} actions, {counts.AttributedOutcomes:N0} of {counts.Outcomes:N0} outcomes attributed, {counts.BadDecisionLines + counts.BadOutcomeLines:N0} bad lines{srm}");
    }
}
