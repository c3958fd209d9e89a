using System.CommandLine;

namespace Decisioning.Cli.Commands;

/// <summary>Every subcommand of <c>decisioning</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return ValidateCommand.Create(context);
        yield return EvaluateCommand.Create(context);
        yield return ExplainCommand.Create(context);
        yield return BatchCommand.Create(context);
        yield return BatchMergeCommand.Create(context);
        yield return DiffCommand.Create(context);
        yield return ReportCommand.Create(context);
        yield return DashboardCommand.Create(context);
        yield return ImportCommand.Create(context);
        yield return HistoryCommand.Create(context);
        yield return ReplayCommand.Create(context);
        yield return LearnCommand.Create(context);
        yield return LearnMergeCommand.Create(context);
    }
}
