using Decisioning.Cli;

namespace Decisioning.History.Tests.Support;

/// <summary>The repository's files, and the command line run in-process.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SampleMap => Path(["strategies", "retail-wealth"]);

    public static string SampleCustomers => Path(["samples", "customers.jsonl"]);

    public static string Path(string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The first <paramref name="count"/> sample customers, as a file in <paramref name="folder"/>.</summary>
    public static string Customers(TempFolder folder, int count)
    {
        var path = folder.File($"customers-{count}.jsonl");
        File.WriteAllLines(path, File.ReadLines(SampleCustomers).Take(count));
        return path;
    }

    public static (int Exit, string Out, string Error) Cli(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "Decisioning.sln")))
        {
            dir = System.IO.Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find Decisioning.sln above the test output");
    }
}
