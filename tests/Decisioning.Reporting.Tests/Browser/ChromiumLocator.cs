namespace Decisioning.Reporting.Tests.Browser;

/// <summary>Finds Debian's chromium, and decides whether a browser test may skip without it.</summary>
internal static class ChromiumLocator
{
    public const string InstallHint = "tests/Decisioning.Reporting.Tests/install-chromium.sh installs it (apt-get install -y chromium)";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>$CHROMIUM_PATH, /usr/bin/chromium, or the first of the usual names on $PATH.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var directories = new[] { "/usr/bin" }.Concat(
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return directories.SelectMany(d => Names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Why the test skips, or null when it must run: it runs when chromium is there, and also on
    /// CI (CI set and not "false" or "0") without it, so that it fails there instead of passing unseen.
    /// </summary>
    public static string? SkipReason(string? chromium, string? ciVariable) =>
        chromium is not null || IsCi(ciVariable)
            ? null
            : $"chromium is not installed, so the report page was NOT checked in a browser; {InstallHint}. "
              + "With CI=true this test fails instead of skipping.";

    public static bool IsCi(string? ciVariable) =>
        !string.IsNullOrWhiteSpace(ciVariable) && ciVariable.Trim() is not ("false" or "0");
}

/// <summary>A fact that skips, with the reason, when chromium is missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var reason = ChromiumLocator.SkipReason(ChromiumLocator.Find(), Environment.GetEnvironmentVariable("CI"));
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}
