using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Decisioning.Cli;
using Decisioning.Cli.Commands;
using Decisioning.Cli.Infrastructure;
using Decisioning.Tests.Support;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary>
/// <c>--help</c> speaks of the installed tool (<c>decisioning</c>) and shows every command's
/// examples and exit codes; the completion directive and docs/cli.md's bash function work.
/// </summary>
public sealed partial class CliHelpTests
{
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string> { "" };
        foreach (var command in AllCommands(CommandCatalog.All(new CliContext(TextWriter.Null, TextWriter.Null))))
        {
            data.Add(HelpSections.PathOf(command));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_NamesTheToolAndShowsExamplesAndExitCodes(string path)
    {
        var args = path.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();
        var (exit, output, _) = CliRunner.Run(args);
        Assert.Equal(0, exit);
        Assert.Contains($"  decisioning {path}".TrimEnd(), output, StringComparison.Ordinal);
        Assert.DoesNotContain("Decisioning.Cli", output, StringComparison.Ordinal);
        Assert.True(CommandHelpCatalog.All.TryGetValue(path, out var help), $"no examples and exit codes for '{path}' in CommandHelpCatalog");
        Assert.NotEmpty(help.Examples);
        Assert.Contains("\nExamples:\n  " + help.Examples[0].Line + "\n", output, StringComparison.Ordinal);
        Assert.Matches(@"\nExit codes:\n  0  \S.*\n  1  \S", output);
    }

    [Fact]
    public void HelpExamples_NameOnlyCommandsThatExist()
    {
        var names = AllCommands(CommandCatalog.All(new CliContext(TextWriter.Null, TextWriter.Null))).Select(HelpSections.PathOf).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, help) in CommandHelpCatalog.All)
        {
            foreach (var (line, _) in help.Examples)
            {
                foreach (Match m in ToolCall().Matches(line))
                {
                    var command = m.Groups["command"].Value;
                    Assert.True(command == "COMMAND" || names.Contains(command), $"example '{line}' calls unknown command '{command}'");
                }
            }
        }
    }

    [Fact]
    public void ValidateExample_RunsAsWrittenFromTheRepositoryRoot()
    {
        var (exit, output, _) = CliRunner.Run("validate", TestPaths.Repo("strategies", "retail-wealth"));
        Assert.Equal(0, exit);
        Assert.StartsWith("valid:", output.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decisioning ev", "evaluate")]
    [InlineData("decisioning explain map --f", "--format")]
    [InlineData("decisioning batch-", "batch-merge")]
    public void SuggestDirective_CompletesCommandsAndOptions(string line, string expected)
    {
        var (exit, output, _) = CliRunner.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, exit);
        Assert.Contains(expected, output.Split('\n'));
    }

    [Theory]
    [InlineData("[suggest:-5]")]
    [InlineData("[suggest:abc]")]
    [InlineData("[suggest:2147483648]")]
    public void SuggestDirective_APositionThatIsNoCursor_OneErrorLineExit1(string directive)
    {
        var (exit, output, error) = CliRunner.Run(directive, "decisioning ev");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {directive} needs the cursor position, a whole number from 0 to 2147483647\n", error);
    }

    [Fact]
    public void AnArgumentStartingWithAt_IsAnOrdinaryArgument_NeverAFileToRead()
    {
        // Read as response files, @/dev/zero ran out of memory and a file naming itself overflowed the stack.
        var self = Path.Combine(Path.GetTempPath(), $"decisioning-args-{Guid.NewGuid():N}.rsp");
        File.WriteAllText(self, $"@{self}\n");
        try
        {
            foreach (var argument in new[] { "@/dev/zero", $"@{self}" })
            {
                var (exit, _, error) = CliRunner.Run("validate", "map.yaml", argument);
                Assert.Equal(1, exit);
                Assert.Contains($"Unrecognized command or argument '{argument}'", error);
            }
        }
        finally
        {
            File.Delete(self);
        }
    }

    [Fact]
    public void BashCompletionOfDocs_CompletesAgainstTheBuiltTool()
    {
        var doc = File.ReadAllText(TestPaths.Repo("docs", "cli.md"));
        var function = BashBlock().Matches(doc).Select(m => m.Groups["body"].Value).Single(b => b.Contains("complete -o default", StringComparison.Ordinal));
        var cli = Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll");
        var script = $$"""
            decisioning() { dotnet '{{cli}}' "$@"; }
            {{function}}
            COMP_LINE='decisioning ev'; COMP_POINT=${#COMP_LINE}
            _decisioning_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        bash.StandardInput.Write(script.Replace("\r", "", StringComparison.Ordinal));
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal("evaluate", output.Trim());
    }

    private static IEnumerable<Command> AllCommands(IEnumerable<Command> commands) =>
        commands.SelectMany(c => AllCommands(c.Subcommands).Prepend(c));

    [GeneratedRegex(@"decisioning (?<command>[a-zA-Z][a-zA-Z-]*)")]
    private static partial Regex ToolCall();

    [GeneratedRegex(@"^```bash\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
