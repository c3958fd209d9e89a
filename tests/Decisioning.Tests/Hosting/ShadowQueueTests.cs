using Decisioning.Hosting;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Tests.Hosting;

/// <summary>The shadow's lock-free bounded queue: bounded, first in first out, nothing lost or read twice.</summary>
public sealed class ShadowQueueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(32)]
    public void AFullQueue_RefusesTheWrite_AndTakesOneMoreOnceOneIsRead(int capacity)
    {
        var queue = new ShadowQueue<int>(capacity);
        for (var i = 0; i < capacity; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.False(queue.TryWrite(-1));
        Assert.Equal(capacity, queue.Count);
        Assert.True(queue.TryRead(out var first));
        Assert.Equal(0, first);
        Assert.True(queue.TryWrite(capacity));
        Assert.False(queue.TryWrite(-1));
    }

    [Fact]
    public void AnEmptyQueue_HasNoItem_AndReadsNothing()
    {
        var queue = new ShadowQueue<string>(4);

        Assert.False(queue.HasItem);
        Assert.False(queue.TryRead(out _));
        Assert.True(queue.TryWrite("a"));
        Assert.True(queue.HasItem);
    }

    [Fact]
    public void ACompletedQueue_RefusesWrites_AndStillGivesWhatWasQueued()
    {
        var queue = new ShadowQueue<int>(4);
        queue.TryWrite(1);

        Assert.True(queue.Complete());
        Assert.False(queue.Complete());
        Assert.False(queue.TryWrite(2));
        Assert.True(queue.TryRead(out var item));
        Assert.Equal(1, item);
        Assert.False(queue.TryRead(out _));
    }

    [Property(MaxTest = 500)]
    public bool AnySequenceOfWritesAndReads_BehavesAsABoundedFifo(byte size, bool[] steps)
    {
        // true = write the next number, false = read; the model is a Queue<int> bounded by the capacity.
        var capacity = (size % 5) + 1;
        {
            var queue = new ShadowQueue<int>(capacity);
            var model = new Queue<int>();
            var next = 0;
            foreach (var write in steps)
            {
                if (write)
                {
                    var taken = queue.TryWrite(next);
                    if (taken != (model.Count < capacity))
                    {
                        return false;
                    }

                    if (taken)
                    {
                        model.Enqueue(next);
                    }

                    next++;
                }
                else if (queue.TryRead(out var item) != model.TryDequeue(out var expected) || item != expected)
                {
                    return false;
                }

                if (queue.Count != model.Count)
                {
                    return false;
                }
            }

            return true;
        }
    }

    [Fact]
    public async Task FourWritersAndTwoReaders_EveryItemIsReadOnce_InEachWritersOrder()
    {
        const int writers = 4, perWriter = 50_000;
        var queue = new ShadowQueue<(int Writer, int N)>(64);
        var seen = new List<(int Writer, int N)>[2];
        var done = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            seen[r] = [];
            while (Volatile.Read(ref done) < writers || queue.HasItem)
            {
                if (queue.TryRead(out var item))
                {
                    seen[r].Add(item);
                }
            }
        })).ToArray();
        var producers = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var n = 0; n < perWriter; n++)
            {
                while (!queue.TryWrite((w, n)))
                {
                    Thread.SpinWait(4);
                }
            }

            Interlocked.Increment(ref done);
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(60));

        var all = seen.SelectMany(s => s).ToList();
        Assert.Equal(writers * perWriter, all.Count);
        Assert.Equal(writers * perWriter, all.Distinct().Count());
        foreach (var reader in seen)
        {
            // Within one reader, each writer's items come in the order written.
            foreach (var byWriter in reader.GroupBy(i => i.Writer))
            {
                Assert.True(byWriter.Select(i => i.N).Zip(byWriter.Select(i => i.N).Skip(1)).All(p => p.First < p.Second));
            }
        }
    }
}
