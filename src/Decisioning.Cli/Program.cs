using System.CommandLine;
using System.Globalization;
using Decisioning.Cli.Commands;
using Decisioning.Cli.Infrastructure;

namespace Decisioning.Cli;

/// <summary>The <c>decisioning</c> command line: one subcommand per file in Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line in-process; tests call this with their own writers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Next-best-action decisioning over YAML strategy maps.");
        foreach (var command in CommandCatalog.All(new CliContext(stdout, stderr)))
        {
            root.Subcommands.Add(command);
        }

        HelpSections.Configure(root, CommandHelpCatalog.All, args);
        RefuseEmptyValues(root);
        if (args.TakeWhile(IsDirective).FirstOrDefault(d => !IsValidSuggest(d)) is { } suggest)
        {
            stderr.WriteLine($"error: {suggest} needs the cursor position, a whole number from 0 to {int.MaxValue}");
            return 1;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args, Parsing).Invoke(config);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // A missing, unreadable or wrong-kind file (a folder given as a file): one line, exit 1,
            // never a stack trace (every command; docs/limits.md).
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (History.HistoryFailures.Chain(e).Any(x => x is System.Data.Common.DbException))
        {
            // The interaction history failed mid-run (unavailable past its retry time, or refusing):
            // one line, exit 1, never a stack trace. What was decided before is written.
            stderr.WriteLine($"error: the interaction history failed: {e.Message}");
            return 1;
        }
    }

    // No argument or option of any command takes an empty value: "" names no file, folder, time or
    // duration, and a path of "" reached Path.GetFullPath and Directory.CreateDirectory, which throw
    // ArgumentException (a stack trace, exit 134). Refused as a command line that does not parse (exit 1).
    // Values of other types (FileInfo, bool) already refuse "" when they are converted.
    private static void RefuseEmptyValues(Command command)
    {
        foreach (var argument in command.Arguments.Where(a => IsText(a.ValueType)))
        {
            argument.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => t.Value.Length == 0))
                {
                    result.AddError($"{argument.Name} is empty; give a value");
                }
            });
        }

        foreach (var option in command.Options.Where(o => IsText(o.ValueType)))
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => t.Value.Length == 0))
                {
                    result.AddError($"{option.Name} is empty; give a value");
                }
            });
        }

        foreach (var subcommand in command.Subcommands)
        {
            RefuseEmptyValues(subcommand);
        }
    }

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]);

    // No response files: System.CommandLine reads "@FILE" as the arguments in FILE, whole and with
    // every "@" in it read again: @/dev/zero ran out of memory and a file naming itself overflowed the
    // stack (exit 134). No command documents them; "@..." is now an argument like any other.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    private static bool IsDirective(string arg) => arg.StartsWith('[') && arg.EndsWith(']');

    // System.CommandLine reads [suggest:N] with int.Parse and cuts the command line at N: a position
    // that is not a whole number, is negative or is beyond int threw out of Main (a stack trace,
    // exit 134). Without a position ([suggest], [suggest:]) it completes at the end, as before.
    private static bool IsValidSuggest(string directive)
    {
        if (!directive.StartsWith("[suggest:", StringComparison.Ordinal))
        {
            return true;
        }

        var position = directive.AsSpan("[suggest:".Length, directive.Length - "[suggest:".Length - 1);
        return position.IsEmpty || (int.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) && at >= 0);
    }
}
