using Decisioning.Hosting;
using Xunit;

namespace Decisioning.Tests.Hosting;

/// <summary>The hand-over of snapshots from the calling threads to the shadow workers, in lanes and batches.</summary>
public class ShadowLanesTests
{
    private const int Batch = ShadowLanes<int>.BatchSize;

    [Fact]
    public void Offer_FewerThanABatch_NothingIsHandedOverUntilTheLanesAreSwept()
    {
        var lanes = new ShadowLanes<int>(1_000, ShadowQueueFullMode.DropNewest, singleReader: true, _ => { });

        for (var i = 1; i <= 5; i++)
        {
            lanes.Offer(i);
        }

        Assert.False(lanes.TryTake(out _));
        Assert.Equal(5, lanes.Pending());
        Assert.Equal([1, 2, 3, 4, 5], lanes.Sweep(close: false));
        Assert.Empty(lanes.Sweep(close: false));
        Assert.Equal(0, lanes.Pending());
    }

    [Fact]
    public void Offer_AWholeBatch_HandsItOverAtOnceInOrder()
    {
        var lanes = new ShadowLanes<int>(1_000, ShadowQueueFullMode.DropNewest, singleReader: true, _ => { });

        for (var i = 0; i < Batch + 3; i++)
        {
            lanes.Offer(i);
        }

        Assert.True(lanes.TryTake(out var batch));
        Assert.Equal(Enumerable.Range(0, Batch), batch);
        Assert.False(lanes.TryTake(out _));
        Assert.Equal([Batch, Batch + 1, Batch + 2], lanes.Sweep(close: false));
    }

    [Fact]
    public void CapacityOne_DropNewest_EachOfferIsHandedOverAloneAndAFullQueueDropsTheNext()
    {
        var dropped = new List<int>();
        var lanes = new ShadowLanes<int>(1, ShadowQueueFullMode.DropNewest, singleReader: true, dropped.Add);

        lanes.Offer(1);
        lanes.Offer(2);
        lanes.Offer(3);

        Assert.Equal([2, 3], dropped);
        Assert.True(lanes.TryTake(out var batch));
        Assert.Equal([1], batch);
    }

    [Fact]
    public void CapacityOne_DropOldest_TheQueuedOneIsDroppedForTheNewest()
    {
        var dropped = new List<int>();
        var lanes = new ShadowLanes<int>(1, ShadowQueueFullMode.DropOldest, singleReader: true, dropped.Add);

        lanes.Offer(1);
        lanes.Offer(2);

        Assert.Equal([1], dropped);
        Assert.True(lanes.TryTake(out var batch));
        Assert.Equal([2], batch);
    }

    [Fact]
    public async Task CapacityOne_Wait_TheCallerWaitsUntilAWorkerTakesTheQueuedOne()
    {
        var lanes = new ShadowLanes<int>(1, ShadowQueueFullMode.Wait, singleReader: true, _ => Assert.Fail("nothing is dropped"));
        lanes.Offer(1);

        var second = Task.Run(() => lanes.Offer(2));
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(200))); // the queue is full: the second caller waits
        Assert.True(lanes.TryTake(out var first));
        await second.WaitAsync(TimeSpan.FromSeconds(10)); // room was made: the second caller goes on

        Assert.Equal([1], first);
        Assert.True(lanes.TryTake(out var next));
        Assert.Equal([2], next);
    }

    [Fact]
    public void Close_ThenSweptClosed_LaterOffersAreDroppedAndCountedWhateverTheMode()
    {
        foreach (var mode in new[] { ShadowQueueFullMode.Wait, ShadowQueueFullMode.DropNewest, ShadowQueueFullMode.DropOldest })
        {
            var dropped = new List<int>();
            var lanes = new ShadowLanes<int>(1_000, mode, singleReader: true, dropped.Add);
            lanes.Offer(1);
            lanes.Offer(2);

            Assert.True(lanes.Close());
            Assert.False(lanes.Close());
            Assert.True(lanes.Completed);
            Assert.Equal([1, 2], lanes.Sweep(close: true));
            for (var i = 0; i < Batch; i++)
            {
                lanes.Offer(100 + i); // a whole batch after the close must not wait on the closed queue
            }

            Assert.Equal(Enumerable.Range(100, Batch), dropped);
            Assert.Empty(lanes.Sweep(close: true));
        }
    }

    [Fact]
    public void Close_WithABatchStillQueued_NotCompletedUntilItIsTaken()
    {
        var lanes = new ShadowLanes<int>(1_000, ShadowQueueFullMode.DropNewest, singleReader: true, _ => { });
        for (var i = 0; i < Batch; i++)
        {
            lanes.Offer(i);
        }

        lanes.Close();

        Assert.False(lanes.Completed);
        Assert.True(lanes.TryTake(out var batch));
        Assert.Equal(Batch, batch.Length);
        Assert.True(lanes.Completed);
    }

    [Fact]
    public async Task OfferFrom8Threads_Wait_EveryItemIsTakenExactlyOnce()
    {
        const int threads = 8;
        const int each = 20_000;
        var lanes = new ShadowLanes<int>(64, ShadowQueueFullMode.Wait, singleReader: true, _ => Assert.Fail("nothing is dropped"), lanes: 3);
        var taken = new List<int>();
        using var done = new CancellationTokenSource();
        var worker = Task.Run(() =>
        {
            while (true)
            {
                while (lanes.TryTake(out var batch))
                {
                    taken.AddRange(batch);
                }

                if (lanes.Completed)
                {
                    taken.AddRange(lanes.Sweep(close: true));
                    return;
                }

                if (!lanes.Sleep(TimeSpan.FromMilliseconds(1), done.Token))
                {
                    taken.AddRange(lanes.Sweep(close: false));
                }
            }
        });

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < each; i++)
            {
                lanes.Offer((t * each) + i);
            }
        });
        lanes.Close();
        done.Cancel();
        await worker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, threads * each), taken.Order());
    }

    [Fact]
    public async Task Sleep_ABatchHandedOverMeanwhile_WakesTheWorkerBeforeItsDelay()
    {
        var lanes = new ShadowLanes<int>(1_000, ShadowQueueFullMode.DropNewest, singleReader: true, _ => { });
        Assert.False(lanes.Sleep(TimeSpan.FromMilliseconds(20), CancellationToken.None), "nothing came: the delay passes");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sleeping = Task.Factory.StartNew(() => lanes.Sleep(TimeSpan.FromSeconds(30), CancellationToken.None), TaskCreationOptions.LongRunning);
        await Task.Delay(50);
        for (var i = 0; i < Batch; i++)
        {
            lanes.Offer(i);
        }

        Assert.True(await sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.True(lanes.TryTake(out _));
    }

    [Fact]
    public async Task Sleep_StopCancelled_ReturnsAtOnce()
    {
        var lanes = new ShadowLanes<int>(1_000, ShadowQueueFullMode.DropNewest, singleReader: true, _ => { });
        using var stop = new CancellationTokenSource();
        var sleeping = Task.Factory.StartNew(() => lanes.Sleep(TimeSpan.FromSeconds(30), stop.Token), TaskCreationOptions.LongRunning);
        await Task.Delay(50);

        await stop.CancelAsync();

        Assert.True(await sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
