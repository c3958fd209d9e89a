namespace Decisioning.Reporting.Tests.Browser;

/// <summary>Finds Debian's chromium, and decides whether a browser test may skip without it.</summary>
internal static class ChromiumLocator
{
    public const string InstallHint = "tests/Decisioning.Reporting.Tests/install-chromium.sh installs it (apt-get install -y chromium fonts-wqy-microhei)";

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
    public static string? SkipReason(string? chromium, string? ciVariable, bool cjkFont = true) =>
        IsCi(ciVariable) ? null
        : chromium is null ? $"chromium is not installed, so the report page was NOT checked in a browser; {InstallHint}. "
              + "With CI=true this test fails instead of skipping."
        : !cjkFont ? "no CJK font (fc-list :lang=zh lists none), so the report's Chinese labels would render as boxes and were NOT checked; "
              + $"{InstallHint}. With CI=true this test fails instead of skipping."
        : null;

    /// <summary>Whether fontconfig knows a font for Chinese (the report's labels are Chinese).</summary>
    public static bool HasCjkFont()
    {
        try
        {
            using var fcList = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true })!;
            var output = fcList.StandardOutput.ReadToEnd();
            fcList.WaitForExit();
            return output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no fontconfig at all
        }
    }

    public static bool IsCi(string? ciVariable) =>
        !string.IsNullOrWhiteSpace(ciVariable) && ciVariable.Trim() is not ("false" or "0");
}

/// <summary>
/// A fact that skips, with the reason, when chromium or a CJK font is missing outside CI. The
/// reason is also put in the test's name: `dotnet test` at its default verbosity prints a skipped
/// test's name but not its reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var chromium = ChromiumLocator.Find();
        var reason = ChromiumLocator.SkipReason(chromium, Environment.GetEnvironmentVariable("CI"), chromium is null || ChromiumLocator.HasCjkFont());
        if (reason is not null)
        {
            Skip = reason;
            DisplayName = $"{test} (skipped: {reason})";
        }
    }
}
