using Decisioning.Batch;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary>
/// The bounded allocator against spec section 7's greedy (<see cref="NaiveGreedy"/>) on random
/// problems: the same channel for every candidate whatever the order of the offers, whatever the
/// split into partitions, and when placed afterwards by the thresholds alone.
/// </summary>
public sealed class CapacityAllocatorTests
{
    [Property(MaxTest = 500)]
    public void Offer_InAnyOrder_AllocatesAsTheNaiveGreedy(int seed)
    {
        var problem = AllocationInstance.Random(seed);
        var allocator = new CapacityAllocator(problem.Capacities);
        var got = new Dictionary<(long, int), string?>();
        foreach (var candidate in problem.Shuffled(seed))
        {
            Record(got, allocator.Offer(candidate));
        }

        foreach (var channel in problem.Capacities.Keys)
        {
            var held = allocator.Held(channel);
            Assert.True(held.Count <= problem.Capacities[channel]);
            foreach (var placement in held)
            {
                Record(got, placement);
            }
        }

        Assert.Equal(Expected(problem), got);
    }

    [Property(MaxTest = 500)]
    public void Thresholds_AfterAllocation_PlaceEveryCandidateAsTheNaiveGreedy(int seed)
    {
        var problem = AllocationInstance.Random(seed);
        var allocator = new CapacityAllocator(problem.Capacities);
        foreach (var candidate in problem.Shuffled(seed))
        {
            allocator.Offer(candidate);
        }

        var thresholds = allocator.Thresholds();
        var got = new Dictionary<(long, int), string?>();
        foreach (var candidate in problem.Candidates)
        {
            Record(got, thresholds.Place(candidate));
        }

        Assert.Equal(Expected(problem), got);
    }

    [Property(MaxTest = 500)]
    public void Partitions_MergedFromTheirHolders_AllocateAsTheNaiveGreedy(int seed)
    {
        // What PartitionWriter and PartitionMerger do, without files: each partition allocates
        // alone; only the holders of capped channels go on to the merge, from the channel they hold.
        var problem = AllocationInstance.Random(seed);
        var random = new Random(seed);
        var count = random.Next(1, 5);
        var parts = problem.Shuffled(seed).GroupBy(c => (int)(c.Line % count)).ToList();
        var got = new Dictionary<(long, int), string?>();
        var merge = new CapacityAllocator(problem.Capacities);
        var holders = new List<BatchCandidate>();
        foreach (var part in parts)
        {
            var local = new CapacityAllocator(problem.Capacities);
            foreach (var candidate in part)
            {
                Record(got, local.Offer(candidate));
            }

            holders.AddRange(problem.Capacities.Keys.SelectMany(local.Held)
                .Select(p => p.Candidate with { Chain = [.. p.Candidate.Chain.Skip(p.ChainIndex)] }));
        }

        foreach (var candidate in holders.OrderBy(_ => random.Next()))
        {
            Record(got, merge.Offer(candidate));
        }

        foreach (var channel in problem.Capacities.Keys)
        {
            foreach (var placement in merge.Held(channel))
            {
                Record(got, placement);
            }
        }

        Assert.Equal(Expected(problem), got);
    }

    [Fact]
    public void Held_FullChannel_KeepsTheBestInAllocationOrder()
    {
        var allocator = new CapacityAllocator([KeyValuePair.Create("call", 2L)]);
        BatchCandidate Make(int line, double score, string id) => new(line, id, 1, score, "s", "p", [new("call", null)]);
        Assert.Null(allocator.Offer(Make(0, 1, "C3")));
        Assert.Null(allocator.Offer(Make(1, 5, "C2")));
        var displaced = allocator.Offer(Make(2, 5, "C1"));
        Assert.Equal("C3", displaced!.Value.Candidate.CustomerId);
        Assert.True(displaced.Value.Dropped);
        Assert.Equal(["C1", "C2"], allocator.Held("call").Select(p => p.Candidate.CustomerId));
    }

    [Fact]
    public void Offer_CapacityZero_FallsThroughToTheNextChannel()
    {
        var allocator = new CapacityAllocator([KeyValuePair.Create("call", 0L)]);
        var placement = allocator.Offer(new BatchCandidate(0, "C1", 1, 1, "s", "p", [new("call", "a"), new("sms", "b")]));
        Assert.Equal(new ChannelOffer("sms", "b"), placement!.Value.Offer);
    }

    private static Dictionary<(long, int), string?> Expected(AllocationInstance problem) =>
        NaiveGreedy.Allocate(problem.Candidates, problem.Capacities).ToDictionary(
            p => (p.Candidate.Line, p.Candidate.Rank),
            p => p.ChainIndex < 0 ? null : p.Candidate.Chain[p.ChainIndex].Channel);

    private static void Record(Dictionary<(long, int), string?> placements, Placement? placement)
    {
        if (placement is { } p)
        {
            placements.Add((p.Candidate.Line, p.Candidate.Rank), p.Dropped ? null : p.Offer.Channel);
        }
    }
}
