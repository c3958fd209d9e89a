using Decisioning.Plan;
using System.CommandLine;
using Decisioning.Adaptive;
using Decisioning.Cli.Infrastructure;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning learn MAP (--db PATH | --postgres CONNECTION | --decisions F --snapshots F --outcomes F)
/// --at ISO --out FILE</c>: learns the states of the map's adaptive models from a decision log, the
/// snapshots decided and the outcomes, or from an interaction history (docs/adaptive.md), and writes
/// them as one state file. Exit 0; 1 when the map is invalid, the inputs are not one of the two
/// forms, or a file or the history cannot be read or written.
/// </summary>
internal static class LearnCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<string>("MAP") { Description = "A map file, or a folder of YAML files" };
        var store = new HistoryStoreOption();
        var decisions = new Option<string?>("--decisions") { Description = "Decision log: every action is a contact at its decision's at (with --snapshots and --outcomes)" };
        var snapshots = new Option<string?>("--snapshots") { Description = "The snapshots decided, one a line (matched by customer id)" };
        var outcomes = new Option<string?>("--outcomes") { Description = "Responses: outcome lines {customerId, at, product or strategy, kind}" };
        var at = new Option<string?>("--at") { Description = "Learning time, ISO-8601 (default: now, UTC)" };
        var output = new Option<string>("--out") { Description = "The state file to write", Required = true };
        var command = store.AddTo(new Command("learn", "Learn the states of a map's adaptive propensity models") { map, decisions, snapshots, outcomes, at, output });
        command.SetAction(parse =>
        {
            var files = new[] { parse.GetValue(decisions), parse.GetValue(snapshots), parse.GetValue(outcomes) };
            if (store.Given(parse) ? files.Any(f => f is not null) : files.Any(f => f is null))
            {
                context.Error.WriteLine("error: give a history (--db or --postgres), or --decisions with --snapshots and --outcomes");
                return 1;
            }

            var loaded = CliIo.LoadMap(parse.GetValue(map)!, context);
            if (!loaded.Success || !CliIo.TryParseAt(parse.GetValue(at), TimeProvider.System, out var when, context))
            {
                return 1;
            }

            try
            {
                AdaptiveState state;
                LearnSummary summary;
                if (store.Given(parse))
                {
                    using var history = store.Open(parse, context);
                    if (history is null)
                    {
                        return 1;
                    }

                    (state, summary) = History.HistoryLearning.Learn(loaded.Plan!, history, when);
                }
                else
                {
                    (state, summary) = FileLearning.Learn(loaded.Plan!, CliIo.Lines(parse.GetValue(decisions)!),
                        CliIo.Lines(parse.GetValue(snapshots)!), CliIo.Lines(parse.GetValue(outcomes)!), when);
                }

                var path = parse.GetValue(output)!;
                WriteState(state, path);
                var learnedAt = Serialization.DecisionJson.FormatInstant(when);
                context.Out.WriteLine(store.Given(parse)
                    ? CliIo.Invariant($"learned {state.Instances.Count} model instance(s) at {learnedAt} from the history: {summary.Contacts} contact(s), {summary.Responses} response(s)")
                    : CliIo.Invariant($"learned {state.Instances.Count} model instance(s) at {learnedAt} from {summary.Decisions} decision(s), {summary.Contacts} contact(s), {summary.Responses} response(s)"));
                context.Out.WriteLine(store.Given(parse)
                    ? CliIo.Invariant(
                        $"interactions: {summary.Positives} positive, {summary.Negatives} negative; not counted: {summary.Open} open window(s), {summary.WithoutSnapshot} without an offer's predictor values, {summary.InvalidSnapshots} unreadable value(s)")
                    : CliIo.Invariant(
                        $"interactions: {summary.Positives} positive, {summary.Negatives} negative; not counted: {summary.Open} open window(s), {summary.WithoutSnapshot} without snapshot, {summary.InvalidSnapshots} invalid snapshot(s), {summary.BadLines} bad line(s)"));
                foreach (var instance in state.Instances.Values)
                {
                    context.Out.WriteLine(CliIo.Invariant($"  {instance.Model} / {instance.Strategy}: evidence {instance.Evidence} ({instance.Positives} positive)"));
                }

                context.Out.WriteLine($"wrote {path}");
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

    /// <summary>Writes a state file whole or not at all.</summary>
    public static void WriteState(AdaptiveState state, string path) => AdaptiveStateJson.WriteFile(state, path);
}

/// <summary>
/// <c>decisioning learn-merge STATE... --out FILE</c>: adds states learned on partitions or hosts
/// (counts of the same model instance and bin are summed). Exit 1 when a state cannot be read or
/// two states bin one instance differently.
/// </summary>
internal static class LearnMergeCommand
{
    public static Command Create(CliContext context)
    {
        var states = new Argument<string[]>("STATE") { Description = "State files written by learn or learn-merge", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The state file to write", Required = true };
        var command = new Command("learn-merge", "Add adaptive model states learned apart") { states, output };
        command.SetAction(parse =>
        {
            var merged = new AdaptiveState();
            foreach (var path in parse.GetValue(states)!)
            {
                string text;
                try
                {
                    // A state a map could name: at most its limit, so /dev/zero or a huge file is refused, not read whole.
                    text = CliIo.ReadAllText(CliIo.RequireFile(path), (int)Files.MapFileRules.MaxNamedFileBytes, "a state file");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"error: {e.Message}");
                    return 1;
                }

                if (AdaptiveStateJson.Read(text, out var error) is not { } state)
                {
                    context.Error.WriteLine($"error: '{path}' is not a state file: {error}");
                    return 1;
                }

                if (merged.Add(state) is { } conflict)
                {
                    context.Error.WriteLine($"error: '{path}' cannot be added: {conflict}");
                    return 1;
                }
            }

            try
            {
                var path = parse.GetValue(output)!;
                LearnCommand.WriteState(merged, path);
                context.Out.WriteLine($"added {parse.GetValue(states)!.Length} state(s): {merged.Instances.Count} model instance(s); wrote {path}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
