using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Decisioning.Cli.Infrastructure;

/// <summary>What <c>--help</c> adds to a command's description: runnable examples and what each exit code means.</summary>
internal sealed record CommandHelp(IReadOnlyList<(string Line, string Does)> Examples, IReadOnlyList<(int Code, string Means)> ExitCodes);

/// <summary>
/// <c>--help</c> as a user of the installed tool reads it: usage under the tool's name
/// (<c>decisioning</c>, whatever the process is called: <c>dotnet run</c> runs Decisioning.Cli),
/// the standard sections, then examples and exit codes. System.CommandLine keeps its help layout
/// internal, so its help is written into a buffer and completed.
/// </summary>
internal sealed class HelpSections(HelpAction standard, IReadOnlyDictionary<string, CommandHelp> help, string[] args)
    : SynchronousCommandLineAction
{
    public const string ToolName = "decisioning";

    // Set while the standard help writes into the buffer: the same parse runs this action again.
    [ThreadStatic]
    private static bool _buffering;

    public static void Configure(RootCommand root, IReadOnlyDictionary<string, CommandHelp> help, string[] args)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpSections((HelpAction)option.Action!, help, args);
    }

    /// <summary>A command's path below the root, as typed: <c>batch-merge</c>, <c>history import</c>.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = s.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        if (_buffering)
        {
            return standard.Invoke(parseResult);
        }

        using var buffer = new StringWriter();
        _buffering = true;
        try
        {
            // With the parse's own configuration (Program's: no response files).
            parseResult.RootCommandResult.Command.Parse(args, parseResult.Configuration).Invoke(new InvocationConfiguration { Output = buffer, Error = buffer });
        }
        finally
        {
            _buffering = false;
        }

        var output = parseResult.InvocationConfiguration.Output;
        output.Write(buffer.ToString().Replace("  " + RootCommand.ExecutableName + " ", "  " + ToolName + " ", StringComparison.Ordinal).TrimEnd());
        output.WriteLine();
        if (help.TryGetValue(PathOf(parseResult.CommandResult.Command), out var own))
        {
            output.WriteLine();
            output.WriteLine("Examples:");
            foreach (var (line, does) in own.Examples)
            {
                // A line to copy, on its own; what it does below it.
                output.WriteLine($"  {line}");
                output.WriteLine($"      {does}");
            }

            output.WriteLine();
            output.WriteLine("Exit codes:");
            foreach (var (code, means) in own.ExitCodes)
            {
                output.WriteLine($"  {code}  {means}");
            }
        }

        return 0;
    }
}
