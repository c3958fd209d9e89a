using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Board;

/// <summary>Per strategy and period: reach, actions by wave and channel, responses attributed to the action they answer.</summary>
public class ActivityTests
{
    private static readonly DateTimeOffset Day0 = DecisionLines.Day0;

    private static readonly BoardTrace[] Trace = [new("retiree-pension"), new("card-activation", "not-targeted")];

    [Fact]
    public void Periods_CountedFromTheEarliestDecision_WhateverTheFileOrder()
    {
        string[] decisions =
        [
            BoardLines.Decision("B", Day0.AddDays(8), [new("retiree-pension", "pension-fund", "sms", 2)], Trace),
            BoardLines.Decision("A", Day0.AddHours(5), [new("retiree-pension", "pension-fund", "rm-call")], Trace),
            BoardLines.Decision("A", Day0.AddDays(7).AddHours(5), [new("retiree-pension", "pension-fund", "sms", 2)], Trace),
        ];

        var board = BoardRun.Build(decisions, []);

        Assert.Equal(Day0.AddHours(5), board.From);
        Assert.Equal([(0, 1L, 1L), (1, 2L, 2L)], board.Periods.Select(p => (p.Index, p.Decisions, p.Customers)));
        Assert.Equal(Day0.AddDays(7).AddHours(5), board.Periods[1].From);
    }

    [Fact]
    public void Activity_WavesChannelsAndResponses_AreCountedPerPeriod()
    {
        string[] decisions =
        [
            BoardLines.Decision("A", Day0, [new("retiree-pension", "pension-fund", "rm-call")], Trace),
            BoardLines.Decision("A", Day0.AddDays(3), [new("retiree-pension", "pension-fund", "sms", 2)], Trace),
            BoardLines.Decision("B", Day0.AddDays(1), [new("retiree-pension", "pension-fund", "rm-call", 1, Fallback: true)], Trace),
            BoardLines.Decision("C", Day0.AddDays(8), [new("retiree-pension", "pension-fund", "app-push")], Trace),
        ];
        string[] outcomes =
        [
            // After wave 2 of A: attributed to it, not to wave 1.
            BoardLines.Response("A", Day0.AddDays(4), "pension-fund", "converted", 300),
            // Before A's wave 2: attributed to wave 1.
            BoardLines.Response("A", Day0.AddDays(2), "pension-fund", "declined", strategy: "retiree-pension"),
            BoardLines.Response("B", Day0.AddDays(2), "pension-fund", "responded"),
            // Outside the window, another product, another strategy, an unknown customer: not attributed.
            BoardLines.Response("B", Day0.AddDays(40), "pension-fund", "converted", 99),
            BoardLines.Response("C", Day0.AddDays(9), "credit-card", "converted", 50),
            BoardLines.Response("C", Day0.AddDays(9), "pension-fund", "converted", 50, strategy: "card-activation"),
            BoardLines.Response("Z", Day0.AddDays(9), "pension-fund", "converted", 50),
        ];

        var board = BoardRun.Build(decisions, outcomes);

        var row = Assert.Single(board.Strategies, s => s.Strategy == "retiree-pension");
        Assert.Equal(3, row.Total.Customers);
        Assert.Equal(4, row.Total.Contacts);
        Assert.Equal(1, row.Total.Fallbacks);
        Assert.Equal(new ResponseCounts(1, 1, 1), row.Total.Responses);
        Assert.Equal(300, row.Total.Value);
        var first = row.Periods.Single(p => p.Period == 0).Activity;
        Assert.Equal(2, first.Customers);
        Assert.Equal(3, first.Actions);
        Assert.Equal([new WaveChannelCount(1, "rm-call", 2), new WaveChannelCount(2, "sms", 1)], first.ByWaveAndChannel);
        Assert.Equal(
            [new WaveResponses(1, 2, new ResponseCounts(1, 1, 0)), new WaveResponses(2, 1, new ResponseCounts(0, 0, 1))],
            first.Waves);
        var second = row.Periods.Single(p => p.Period == 1).Activity;
        Assert.Equal((1L, 1L, new ResponseCounts(0, 0, 0)), (second.Customers, second.Actions, second.Responses));
        Assert.Equal(7, board.Counts.Outcomes);
        Assert.Equal(3, board.Counts.AttributedOutcomes);
    }

    [Fact]
    public void Shadow_ChangedFirstActions_AreCountedWithTheirChanges()
    {
        var pension = new BoardAction("retiree-pension", "pension-fund", "rm-call");
        string[] decisions =
        [
            BoardLines.Decision("A", Day0, [pension], Trace, shadow: [pension]),
            BoardLines.Decision("B", Day0, [pension], Trace, shadow: [pension with { Channel = "sms" }]),
            BoardLines.Decision("C", Day0, [pension], Trace, shadow: [new("card-activation", "credit-card", "sms")]),
            BoardLines.Decision("D", Day0, [], Trace, shadow: [], noAction: "cooldown"),
            BoardLines.Decision("E", Day0, [], Trace, shadow: [pension], noAction: "cooldown"),
            BoardLines.Decision("F", Day0, [pension], Trace),
        ];

        var shadow = BoardRun.Build(decisions, []).Shadow;

        Assert.NotNull(shadow);
        Assert.Equal((5L, 3L, 0.6), (shadow.Decisions, shadow.Changed, shadow.ChangedShare));
        Assert.Equal("sha256:11ee", shadow.MapHash);
        Assert.Equal(
            [new ShadowChange(null, "retiree-pension", 1), new ShadowChange("retiree-pension", "card-activation", 1), new ShadowChange("retiree-pension", "retiree-pension", 1)],
            shadow.Changes.OrderBy(c => c.From ?? string.Empty).ThenBy(c => c.To));
    }

    [Fact]
    public void Shadow_NoLineCarriesOne_IsNull()
    {
        Assert.Null(BoardRun.Build([BoardLines.Decision("A", Day0, [], Trace, noAction: "cooldown")], []).Shadow);
    }

    [Fact]
    public void BadLines_AreCountedAndSkipped()
    {
        string[] decisions =
        [
            "not json",
            "",
            """{"customerId": "C9", "error": {"code": "missing-field", "message": "age"}}""",
            """{"customerId": "C1", "at": "not a time"}""",
            BoardLines.Decision("A", Day0, [new("retiree-pension", "pension-fund", "rm-call")], Trace),
        ];

        var board = BoardRun.Build(decisions, ["{", BoardLines.Response("A", Day0.AddDays(1), "pension-fund", "declined"), """{"customerId": "A", "at": "2026-11-24T00:00:00Z", "kind": "clicked"}"""]);

        Assert.Equal(new Decisioning.Reporting.Model.BoardCounts(1, 1, 1, 1, 2, 1, 1, 2), board.Counts);
    }

    [Fact]
    public void BadLines_ALineOfMoreThanAGibibyte_IsOneBadLine_AndTheLinesAfterItAreRead()
    {
        // No line break for over 1 GiB (a dump, /dev/zero): the line reader's buffer once doubled past int's range and threw.
        var decision = BoardLines.Decision("A", Day0, [new("retiree-pension", "pension-fund", "rm-call")], Trace);
        var response = BoardLines.Response("A", Day0.AddDays(1), "pension-fund", "declined");
        using var decisions = new LongLineStream(decision + "\n", (1L << 30) + 1, "\n" + decision.Replace("\"A\"", "\"B\"", StringComparison.Ordinal));
        using var responses = new LongLineStream(response + "\n", (1L << 30) + 1, "\n" + response);
        Assert.True(AttributionWindow.TryParse("7d", out var period));
        Assert.True(AttributionWindow.TryParse("30d", out var window));

        var board = StrategyBoard.Build(decisions, responses, new BoardOptions { Period = period, Window = window });

        Assert.Equal((2L, 1L), (board.Counts.Decisions, board.Counts.BadDecisionLines));
        Assert.Equal((2L, 1L), (board.Counts.Outcomes, board.Counts.BadOutcomeLines));
    }

    [Fact]
    public void Build_PeriodTooShortForTheLog_IsRefused()
    {
        string[] decisions =
        [
            BoardLines.Decision("A", Day0, [], Trace, noAction: "cooldown"),
            BoardLines.Decision("B", Day0.AddDays(30), [], Trace, noAction: "cooldown"),
        ];

        var error = Assert.Throws<ArgumentException>(() => BoardRun.Build(decisions, [], period: "1m"));
        Assert.Contains("choose a longer period", error.Message);
    }

    [Fact]
    public void Build_PeriodEndingAfterYear9999_EndsAtTheLastInstant()
    {
        // 5,000,000 days is a valid period (under half of TimeSpan's range), but from 2026 it ends past
        // DateTime's range: the board once failed with "Ticks must be between ..." instead.
        var board = BoardRun.Build([BoardLines.Decision("A", Day0, [], Trace, noAction: "cooldown")], [], period: "5000000d");

        var period = Assert.Single(board.Periods);
        Assert.Equal(Day0, period.From);
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, period.To.UtcTicks);
    }
}
