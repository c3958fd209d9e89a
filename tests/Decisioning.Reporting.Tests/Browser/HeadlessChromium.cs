using System.Diagnostics;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>Runs chromium headless once, in a fresh profile, with no network of its own.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Result Run(string chromium, string page, params string[] extraArguments)
    {
        var profile = Directory.CreateTempSubdirectory("decisioning-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0",
                .. extraArguments, new Uri(page).AbsoluteUri,
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds}s");
            }

            return new Result(process.ExitCode, output.Result, errors.Result);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
