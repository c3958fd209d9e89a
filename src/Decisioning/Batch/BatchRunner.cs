using Decisioning.Plan;

namespace Decisioning.Batch;

/// <summary>
/// <c>batch</c> on one machine (spec section 7): one partition of everything, written to a hidden
/// work folder inside <c>output</c> (so its size is on the output's disk), then merged into
/// <c>output</c>; the work folder is removed. Running it this way makes one machine and a cluster
/// produce their lists by the same code.
/// </summary>
public static class BatchRunner
{
    public static BatchSummary Run(DecisionPlan plan, IEnumerable<string> lines, DateTime at, string output,
        BatchOptions? options = null, IBatchObserver? observer = null)
    {
        var work = Path.Combine(output, $".batch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(output);
        File.Delete(Path.Combine(output, BatchSummary.FileName));
        try
        {
            PartitionWriter.Write(plan, lines, at, PartitionSpec.Whole, work, options, observer);
            return PartitionMerger.Merge([work], output, observer);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
