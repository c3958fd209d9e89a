using System.CommandLine;
using Decisioning.Batch;
using Decisioning.Cli.Infrastructure;

namespace Decisioning.Cli.Commands;

/// <summary>
/// <c>decisioning batch-merge DIR... --out DIR</c>: allocates over the candidates of partitions
/// 0..N-1 written by <c>batch --partition I/N</c> and writes the lists exactly as one <c>batch</c>
/// over all customers would (spec section 7). Exit 1, with nothing written, when the folders are
/// not the complete partitions of one run.
/// </summary>
internal static class BatchMergeCommand
{
    public static Command Create(CliContext context)
    {
        var partitions = new Argument<string[]>("DIR") { Description = "The partition folders, one for each of 0..N-1", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Output folder (created when missing)", Required = true };
        var command = new Command("batch-merge", "Allocate over the partitions of a batch and write its target lists") { partitions, output };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!;
            try
            {
                using var interrupt = InterruptCleanup.Register();
                var summary = ProgressView.Run(context, phase =>
                    PartitionMerger.Merge(parse.GetValue(partitions)!, folder, new BatchCommand.Observer(phase, null)));
                BatchCommand.PrintSummary(context.Out, summary, folder);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
