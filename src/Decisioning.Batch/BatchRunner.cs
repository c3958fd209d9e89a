using Decisioning.Files;
using Decisioning.Plan;

namespace Decisioning.Batch;

/// <summary>
/// <c>batch</c> on one machine (spec section 7): one partition of everything, written to a hidden
/// work folder inside <c>output</c> (so its size is on the output's disk), then merged into
/// <c>output</c>; the work folder is removed (<see cref="WorkFolders"/>: also on Ctrl-C, and swept
/// by the next run when its process was killed). Running it this way makes one machine and a cluster
/// produce their lists by the same code.
/// </summary>
public static class BatchRunner
{
    /// <summary>
    /// Decides every snapshot line of <paramref name="lines"/> at <paramref name="at"/> and writes
    /// decisions.jsonl, summary.json and one target list per strategy and channel into
    /// <paramref name="output"/> (created if missing); each file appears whole or not at all.
    /// A bad line gives an error record and the run goes on.
    /// </summary>
    /// <returns>The counts written to summary.json.</returns>
    /// <exception cref="IOException">The output folder cannot be written.</exception>
    public static BatchSummary Run(DecisionPlan plan, IEnumerable<string> lines, DateTime at, string output,
        BatchOptions? options = null, IBatchObserver? observer = null)
    {
        Directory.CreateDirectory(output);
        // What an earlier run killed mid-way left here (its process gone) goes first.
        WorkFolders.SweepStale(output);
        var work = WorkFolders.Claim(output, "batch");
        OwnedOutput.Adopt(output);
        File.Delete(Path.Combine(output, BatchSummary.FileName));
        try
        {
            PartitionWriter.Write(plan, lines, at, PartitionSpec.Whole, work, options, observer);
            return PartitionMerger.Merge([work], output, observer);
        }
        finally
        {
            WorkFolders.Release(work);
        }
    }
}
