using Decisioning.Cli;

namespace Decisioning.Tests.Cli;

/// <summary>Runs the <c>decisioning</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
