using System.CommandLine;
using System.Text.Json;
using Decisioning.Cli.Infrastructure;
using Decisioning.Evaluation;
using Spectre.Console;
using Decisioning.Snapshots;
using Decisioning.Serialization;
using Decisioning.Recording;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning explain MAP --customer FILE.json [--at ISO] [--format text|json]</c>: one
/// customer's decision with every gate of every strategy, for people (or tools).
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<string>("MAP") { Description = "A map file, or a folder of YAML files" };
        var customer = new Option<string>("--customer") { Description = "One snapshot as a JSON file; - reads stdin", Required = true };
        var at = new Option<string?>("--at") { Description = "Decision time, ISO-8601 (default: now, UTC)" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var store = new HistoryStoreOption();
        var command = store.AddTo(new Command("explain", "Show one customer's decision and why, gate by gate") { map, customer, at, format });
        command.SetAction(parse =>
        {
            var loaded = CliIo.LoadMap(parse.GetValue(map)!, context);
            if (!loaded.Success || !CliIo.TryParseAt(parse.GetValue(at), TimeProvider.System, out var when, context))
            {
                return 1;
            }

            // At most one byte past a snapshot's limit is read: a file of gigabytes, or /dev/zero, is
            // the too-long record that evaluate gives such a line, not a read that exhausts memory.
            byte[] bytes;
            using (var input = CliIo.OpenInputStream(parse.GetValue(customer)!))
            {
                bytes = CliIo.ReadAtMost(input, Streaming.OrderedParallel.MaxLineLength);
            }

            var reader = new SnapshotReader(loaded.Plan!);
            var (record, error) = bytes.Length > Streaming.OrderedParallel.MaxLineLength ? reader.Read(bytes) : reader.Read(CliIo.Decode(bytes));
            if (error is not null)
            {
                context.Out.WriteLine(DecisionJson.ToJson(error));
                return 1;
            }

            // With a history: the customer's past contacts and responses join the snapshot (nothing is recorded).
            using (var history = store.Open(parse, context, required: false))
            {
                if (history is null && store.Given(parse))
                {
                    return 1;
                }

                record = history is null ? record : new HistoryReader(history, HistoryStoreOption.RetryUnavailableFor, new StderrLogger(context.Error)).Prepare(record!, loaded.Plan!, when);
            }

            var explanation = new Explanation();
            Decision decision;
            try
            {
                decision = new Evaluator(loaded.Plan!).Decide(record!, when, explanation);
            }
            catch (DecisionFailedException failed)
            {
                context.Out.WriteLine(DecisionJson.ToJson(failed.Error));
                return 1;
            }
            var adaptive = Plan.AdaptiveBreakdown.Of(loaded.Plan!, record!, decision.Tier, decision.Stage);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(context.Out, decision, explanation, adaptive);
            }
            else
            {
                ExplainView.Render(context.Out, decision, explanation, adaptive);
            }

            return 0;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, Decision decision, Explanation explanation, IReadOnlyList<Plan.AdaptiveBreakdown> adaptive)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DecisionJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("decision");
            DecisionJson.Write(w, decision);
            w.WriteStartArray("strategies");
            foreach (var s in explanation.Strategies)
            {
                w.WriteStartObject();
                w.WriteString("strategy", s.Strategy);
                w.WriteString("outcome", decision.Trace.First(t => t.Strategy == s.Strategy).Outcome);
                if (s.Reason is not null)
                {
                    w.WriteString("reason", s.Reason);
                }

                if (s.Score is { } score)
                {
                    w.WriteNumber("score", score);
                    w.WriteNumber("propensity", s.Propensity!.Value);
                }

                w.WriteStartArray("gates");
                foreach (var g in s.Gates)
                {
                    w.WriteStartObject();
                    w.WriteString("gate", g.Gate);
                    w.WriteBoolean("passed", g.Passed);
                    if (g.Expression is not null)
                    {
                        w.WriteString("expression", g.Expression);
                    }

                    if (g.Detail is not null)
                    {
                        w.WriteString("detail", g.Detail);
                    }

                    if (g.Values.Count > 0)
                    {
                        w.WriteStartObject("values");
                        foreach (var (name, value) in g.Values)
                        {
                            w.WriteString(name, value);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("channels");
                foreach (var c in s.Channels)
                {
                    w.WriteStartObject();
                    w.WriteString("channel", c.Channel);
                    w.WriteString("result", c.Failure ?? "chosen");
                    if (c.Script is not null)
                    {
                        w.WriteString("script", c.Script);
                        w.WriteNumber("length", c.Script.Length);
                    }

                    if (c.Detail is not null)
                    {
                        w.WriteString("detail", c.Detail);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (adaptive.Count > 0)
            {
                ExplainAdaptive.Write(w, adaptive);
            }

            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}

/// <summary>The people's view of an explanation, drawn with Spectre.Console.</summary>
internal static class ExplainView
{
    public static void Render(TextWriter output, Decision decision, Explanation explanation, IReadOnlyList<Plan.AdaptiveBreakdown> adaptive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Write(new Rule($"[bold]{Markup.Escape(decision.CustomerId)}[/] - map {Markup.Escape(decision.Map)} {Markup.Escape(decision.Version)} at {DecisionJson.FormatInstant(decision.At)}").LeftJustified());
        var profile = new Grid().AddColumn().AddColumn();
        profile.AddRow("tier", Markup.Escape(decision.Tier ?? "(none)"));
        profile.AddRow("stage", Markup.Escape(decision.Stage ?? "(none)"));
        profile.AddRow("segments", Markup.Escape(decision.Segments.Count == 0 ? "(none)" : string.Join(", ", decision.Segments)));
        if (decision.Experiment is { } e)
        {
            profile.AddRow("experiment", Markup.Escape($"{e.Id}: group {e.Group}, bucket {e.Bucket} (control share {e.Control})"));
        }

        profile.AddRow("map hash", Markup.Escape(decision.MapHash));
        if (decision.NoAction is { } noAction)
        {
            profile.AddRow("no action", Markup.Escape(NoActionText(noAction)));
        }

        console.Write(profile);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("strategy").AddColumn("outcome").AddColumn("gates").AddColumn("channels").AddColumn(new TableColumn("score").RightAligned());
        foreach (var s in explanation.Strategies)
        {
            var outcome = decision.Trace.First(t => t.Strategy == s.Strategy);
            table.AddRow(
                new Markup(Markup.Escape(s.Strategy)),
                new Markup(outcome.Outcome == TraceEntry.Selected ? "[green]selected[/]" : $"[red]{Markup.Escape(Rejection(outcome))}[/]"),
                new Markup(string.Join("\n", s.Gates.Select(Gate))),
                new Markup(Markup.Escape(string.Join("\n", s.Channels.Select(Channel)))),
                new Markup(s.Score is { } score ? score.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ""));
        }

        console.Write(table);
        ExplainAdaptive.Render(console, adaptive);
        Ranking(console, "Actions", decision.Actions);
        if (decision.Counterfactual is { } counterfactual)
        {
            Ranking(console, "Counterfactual (the model's choice, not shown to a control customer)", counterfactual);
        }
    }

    // Why the customer gets nothing, in words (the code is the decision's `noAction`).
    private static string NoActionText(string reason) => reason switch
    {
        ReasonCodes.Control => "control: a control-group customer under the policy none gets no action by design",
        ReasonCodes.NoStrategies => "no-strategies: the map has no strategy",
        _ => $"{reason}: the reason of the strategy that got furthest through the gates",
    };

    // The reason, with the suppression rule and the wave that was due when the trace names them.
    private static string Rejection(TraceEntry t) =>
        (t.Reason ?? "") + (t.Reason == ReasonCodes.Suppressed && t.Rule is { } rule ? $" ({rule})" : "") + (t.Wave is { } wave ? $" (wave {wave})" : "");

    // Gate names as people read them: the held gate passes when the product is NOT already held.
    private static string Label(string gate) => gate == "held" ? "not already held" : gate;

    private static string Channel(ChannelAttempt c) =>
        c.Failure is null ? $"{c.Channel}: chosen" + (c.Script is null ? "" : $" ({c.Script.Length} chars)")
        : $"{c.Channel}: {c.Failure}" + (c.Detail is null ? "" : $" ({c.Detail})");

    private static string Gate(GateRecord g)
    {
        var mark = g.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var text = $"{mark} {Label(g.Gate)}";
        if (g.Detail is not null)
        {
            text += " [grey](" + Markup.Escape(g.Detail) + ")[/]";
        }

        if (!g.Passed && g.Expression is not null)
        {
            text += $": {Markup.Escape(g.Expression)}";
            if (g.Values.Count > 0)
            {
                text += " [grey](" + Markup.Escape(string.Join(", ", g.Values.Select(v => $"{v.Key}={v.Value ?? "null"}"))) + ")[/]";
            }
        }

        return text;
    }

    private static void Ranking(IAnsiConsole console, string title, IReadOnlyList<DecisionAction> actions)
    {
        console.Write(new Rule(title).LeftJustified());
        if (actions.Count == 0)
        {
            console.WriteLine("(no action)");
            return;
        }

        var table = new Table().AddColumn("rank").AddColumn("strategy").AddColumn("product").AddColumn("channel").AddColumn("score").AddColumn("script");
        foreach (var a in actions)
        {
            var strategy = a.Strategy + (a.Wave is { } wave ? $" (wave {wave})" : "") + (a.Fallback == true ? " (fallback)" : "");
            table.AddRow(a.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(strategy), Markup.Escape(a.Product),
                Markup.Escape(a.Channel), a.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(a.Script ?? ""));
        }

        console.Write(table);
    }
}
