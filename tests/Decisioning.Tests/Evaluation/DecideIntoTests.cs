using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// A reused buffer gives every sample customer's decision, at several times, as the records of
/// <see cref="Evaluator.Decide"/> and as the decision line written straight from the buffer: the
/// copy out of the buffer and the buffer's writer read it alike, and nothing of one customer stays
/// for the next.
/// </summary>
public sealed class DecideIntoTests
{
    private static readonly Lazy<DecisionPlan> Sample = new(() =>
    {
        var loaded = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        return loaded.Plan!;
    });

    public static TheoryData<string> Times => new() { "2026-11-26T00:00:00Z", "2026-11-12T08:00:00Z", "2026-12-31T23:59:59Z", "2027-01-02T00:00:00Z" };

    [Theory]
    [MemberData(nameof(Times))]
    public void DecideInto_EverySampleCustomer_EqualsDecide(string time)
    {
        var at = DateTime.Parse(time, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var plan = Sample.Value;
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")))
        {
            if (reader.Read(line).Customer is not { } customer)
            {
                continue;
            }

            evaluator.DecideInto(customer, at, buffer);
            var expected = DecisionJson.ToJson(evaluator.Decide(customer, at));
            Assert.Equal(expected, DecisionJson.ToJson(buffer.ToDecision()));
            // The command line writes the buffer itself (LineDecider): the same line, without the copy.
            Assert.Equal(expected, DecisionJson.ToJson(buffer));
        }
    }

    [Fact]
    public void Decide_PlainTraceEntries_AreOneSharedRecordPerStrategyAndReason_RuledOnesEachDecisionsOwn()
    {
        // A decision's trace is mostly "strategy, rejected, reason": those records are immutable and
        // shared between decisions (less garbage); an entry naming a rule is the decision's own.
        var plan = Sample.Value;
        var evaluator = new Evaluator(plan, [DecisionPolicy.Veto("no-rm-calls", (_, c, _) => c.Channel.Id != "rm-call")]);
        var reader = new SnapshotReader(plan);
        var at = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var decisions = File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(400)
            .Select(line => reader.Read(line).Customer).OfType<Decisioning.Runtime.CustomerRecord>()
            .Select(c => evaluator.Decide(c, at)).ToList();

        var entries = decisions.SelectMany(d => d.Trace).ToList();
        var plain = entries.Where(t => t.Rule is null && t.Message is null && t.Error is null && t.Wave is null && t.Model is null).ToList();
        var ruled = entries.Where(t => t.Rule is not null).ToList();
        Assert.NotEmpty(ruled);
        Assert.True(plain.Count > 10 * plain.DistinctBy(t => (t.Strategy, t.Reason)).Count(), "plain entries repeat across decisions");
        foreach (var group in plain.GroupBy(t => (t.Strategy, t.Reason)))
        {
            Assert.All(group, t => Assert.Same(group.First(), t));
        }

        Assert.Equal(ruled.Count, ruled.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void WriteBuffer_EvaluatorWithAPolicy_WritesTheDecisionWithItsRules()
    {
        // A policy's veto is a step of the same pass: the line written from the buffer carries the vetoing rule.
        var plan = Sample.Value;
        var evaluator = new Evaluator(plan, [DecisionPolicy.Veto("no-rm-calls", (_, c, _) => c.Channel.Id != "rm-call")]);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        var at = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var vetoed = 0;
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(300))
        {
            var customer = reader.Read(line).Customer!;
            evaluator.DecideInto(customer, at, buffer);
            var written = DecisionJson.ToJson(buffer);
            Assert.Equal(DecisionJson.ToJson(evaluator.Decide(customer, at)), written);
            vetoed += written.Contains("\"rule\":\"no-rm-calls\"", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(vetoed > 0, "some sample customer had an rm-call candidate");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(40)]
    public void DecideInto_NameNearTheSmsLimit_MeasuresScriptsAsDecideRendersThem(int nameLength)
    {
        // The sms channel's maxLength (70) is checked by ScriptLength without rendering: a name of
        // any length must put every strategy on the channel Decide's rendered script allows.
        var plan = Sample.Value;
        var evaluator = new Evaluator(plan);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        var name = new string('名', nameLength);
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(400))
        {
            var renamed = System.Text.RegularExpressions.Regex.Replace(line, "\"name\":\"[^\"]*\"", $"\"name\":\"{name}\"");
            var customer = reader.Read(renamed).Customer!;
            evaluator.DecideInto(customer, SampleAt, buffer);
            Assert.Equal(DecisionJson.ToJson(evaluator.Decide(customer, SampleAt)), DecisionJson.ToJson(buffer.ToDecision()));
        }
    }

    [Fact]
    public void DecideInto_WithPolicy_EqualsDecideAndFillsTheBuffer()
    {
        var plan = Sample.Value;
        var veto = DecisionPolicy.Veto("no-cash", (_, candidate, _) => candidate.Strategy.Product.Id != "cash-plus");
        var evaluator = new Evaluator(plan, [veto]);
        var buffer = new DecisionBuffer(plan);
        var reader = new SnapshotReader(plan);
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(300))
        {
            var customer = reader.Read(line).Customer!;
            var expected = evaluator.Decide(customer, SampleAt);
            evaluator.DecideInto(customer, SampleAt, buffer);
            Assert.Equal(DecisionJson.ToJson(expected), DecisionJson.ToJson(buffer.ToDecision()));
            Assert.Equal(expected.Actions.Count, buffer.ActionCount);
            for (var i = 0; i < buffer.ActionCount; i++)
            {
                Assert.Equal(expected.Actions[i].Strategy, buffer.Action(i).Strategy.Id);
                Assert.Equal(expected.Actions[i].Script, buffer.Script(buffer.Action(i)));
            }
        }
    }

    [Fact]
    public void DecideInto_BufferOfAnotherPlan_Throws()
    {
        // A copy of the plan is another plan: the buffer is sized and checked by reference.
        var other = Sample.Value with { Version = "copy" };
        Assert.Throws<ArgumentException>(() => new Evaluator(Sample.Value).DecideInto(null!, SampleAt, new DecisionBuffer(other)));
    }

    private static DateTime SampleAt => new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
}
