using Spectre.Console;

namespace Decisioning.Cli.Infrastructure;

/// <summary>A Spectre.Console view of a writer: colours on the real console, plain text elsewhere.</summary>
internal static class ConsoleViews
{
    public static IAnsiConsole For(TextWriter output)
    {
        var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
    }
}
