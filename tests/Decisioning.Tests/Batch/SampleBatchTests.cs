using System.Globalization;
using System.Text;
using Decisioning.Batch;
using Decisioning.Evaluation;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Batch;

/// <summary>
/// The sample map over the 3000 sample customers: lists that never exceed a capacity, equal to
/// spec section 7's greedy computed independently, and the same bytes whether run at once or as
/// N partitions merged.
/// </summary>
public sealed class SampleBatchTests(SampleBatchFixture sample) : IClassFixture<SampleBatchFixture>
{
    [Fact]
    public void Run_Sample_ListsNeverExceedAChannelsCapacity()
    {
        foreach (var channel in sample.Plan.Channels.Where(c => c.CapacityPerDay is not null))
        {
            var rows = Directory.GetFiles(sample.Output.Path, $"*.{channel.Id}.csv").Sum(f => File.ReadAllLines(f).Length - 1);
            Assert.InRange(rows, 1, channel.CapacityPerDay!.Value);
        }

        // The sample is built so that capacity binds: something is dropped and something falls back.
        Assert.True(sample.Summary.Dropped > 0);
        Assert.True(sample.Summary.Channels.Sum(c => sample.Summary.FallbacksTo(c.Id)) > 0);
    }

    [Fact]
    public void Run_Sample_WritesExactlyTheNaiveGreedysLists()
    {
        var plan = sample.Plan;
        var reader = new SnapshotReader(plan);
        var evaluator = new Evaluator(plan);
        var candidates = new List<BatchCandidate>();
        for (var line = 0; line < sample.Lines.Length; line++)
        {
            var (customer, error) = reader.Read(sample.Lines[line]);
            Assert.Null(error);
            var decision = evaluator.Decide(customer!, SampleBatchFixture.At);
            foreach (var action in decision.Actions)
            {
                var strategy = plan.Strategies.Single(s => s.Id == action.Strategy);
                var passing = ChannelGate.Passing(plan, customer!, decision, strategy, SampleBatchFixture.At, wave: action.Wave ?? 1);
                Assert.Equal((action.Channel, action.Script), (passing[0].Channel.Id, passing[0].Script));
                candidates.Add(new BatchCandidate(line, decision.CustomerId, action.Rank, action.Score, action.Strategy, action.Product,
                    [.. passing.Select(p => new ChannelOffer(p.Channel.Id, p.Script))]));
            }
        }

        var capacities = plan.Channels.Where(c => c.CapacityPerDay is not null).ToDictionary(c => c.Id, c => c.CapacityPerDay!.Value);
        var expected = new Dictionary<string, StringBuilder>();
        foreach (var strategy in plan.Strategies)
        {
            // A list per channel the strategy may use, its follow-up waves' channels included.
            foreach (var choice in strategy.Channels.Concat(strategy.Waves.SelectMany(w => w.Channels)))
            {
                expected[$"{strategy.Id}.{choice.Channel.Id}.csv"] = new StringBuilder("customerId,rank,score,product,script\n");
            }
        }

        foreach (var (candidate, index) in NaiveGreedy.Allocate(candidates, capacities).Where(p => p.ChainIndex >= 0))
        {
            var offer = candidate.Chain[index];
            expected[$"{candidate.Strategy}.{offer.Channel}.csv"].Append(string.Join(',',
                candidate.CustomerId, candidate.Rank.ToString(CultureInfo.InvariantCulture), candidate.Score.ToString("R", CultureInfo.InvariantCulture),
                candidate.Product, Quote(offer.Script ?? ""))).Append('\n');
        }

        var written = Directory.GetFiles(sample.Output.Path, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in expected)
        {
            Assert.True(text.ToString() == written[name], $"{name} differs from the naive greedy");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Merge_NPartitions_WritesTheSameBytesAsOneRun(int count)
    {
        using var work = new BatchFolder();
        var folders = Enumerable.Range(0, count).Select(i => work[$"p{i}"]).ToList();
        for (var i = 0; i < count; i++)
        {
            // Tiny sort runs in the partitions: the spilled path must not change a byte either.
            PartitionWriter.Write(sample.Plan, sample.Lines, SampleBatchFixture.At, new PartitionSpec(i, count), folders[i],
                new BatchOptions { RunLength = 97 });
        }

        folders.Reverse();
        PartitionMerger.Merge(folders, work["merged"]);
        var merged = work.Snapshot("merged");
        var single = sample.Output.Snapshot();
        Assert.Equal(single.Keys, merged.Keys);
        foreach (var (name, bytes) in single)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(merged[name]), $"{name} differs with {count} partitions");
        }
    }

    [Fact]
    public void Merge_MissingPartition_ThrowsAndWritesNothing()
    {
        using var work = new BatchFolder();
        PartitionWriter.Write(sample.Plan, sample.Lines.Take(50), SampleBatchFixture.At, new PartitionSpec(0, 2), work["p0"]);
        var error = Assert.Throws<InvalidDataException>(() => PartitionMerger.Merge([work["p0"]], work["out"]));
        Assert.Contains("missing: 1/2", error.Message);
        Assert.False(Directory.Exists(work["out"]));
    }

    // --partition 0/2147483647 is a valid partition; listing every missing one ran out of memory.
    [Fact]
    public void Merge_ManyPartitionsMissing_NamesTheFirstTenAndCountsTheRest()
    {
        using var work = new BatchFolder();
        PartitionWriter.Write(sample.Plan, sample.Lines.Take(50), SampleBatchFixture.At, new PartitionSpec(0, 100_000), work["p0"]);
        var error = Assert.Throws<InvalidDataException>(() => PartitionMerger.Merge([work["p0"]], work["out"]));
        Assert.EndsWith("missing: 1/100000, 2/100000, 3/100000, 4/100000, 5/100000, 6/100000, 7/100000, 8/100000, 9/100000, 10/100000 and 99,989 more",
            error.Message);
    }

    [Fact]
    public void Merge_PartitionsOfDifferentRuns_ThrowsAndWritesNothing()
    {
        using var work = new BatchFolder();
        PartitionWriter.Write(sample.Plan, sample.Lines.Take(50), SampleBatchFixture.At, new PartitionSpec(0, 2), work["p0"]);
        PartitionWriter.Write(sample.Plan, sample.Lines.Take(50), SampleBatchFixture.At.AddDays(1), new PartitionSpec(1, 2), work["p1"]);
        Assert.Throws<InvalidDataException>(() => PartitionMerger.Merge([work["p0"], work["p1"]], work["out"]));
        Assert.False(Directory.Exists(work["out"]));
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
