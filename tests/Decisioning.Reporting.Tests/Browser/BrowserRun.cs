namespace Decisioning.Reporting.Tests.Browser;

/// <summary>The steps the browser tests share: find chromium, open a probed page, take a screenshot.</summary>
internal static class BrowserRun
{
    public static string Chromium()
    {
        var chromium = ChromiumLocator.Find();
        Assert.True(chromium is not null, $"CI is set but chromium is missing: {ChromiumLocator.InstallHint}.");
        return chromium;
    }

    /// <summary>
    /// Opens a copy of the page with the probe in it; returns the DOM after load and the console
    /// messages chromium logged (the pages themselves log none).
    /// </summary>
    public static (string Dom, List<string> Console) Dump(string chromium, string directory, string html, string measure)
    {
        Directory.CreateDirectory(directory);
        var probe = Path.Combine(directory, "page.probe.html");
        File.WriteAllText(probe, PageProbe.Inject(html, measure));
        var dump = HeadlessChromium.Run(chromium, probe, "--dump-dom");
        Assert.True(dump.ExitCode == 0, $"chromium exited {dump.ExitCode}: {dump.Errors}");
        return (dump.Output, dump.Errors.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).ToList());
    }

    /// <summary>The report page's verdict, with chromium's console lines among its errors.</summary>
    public static PageVerdict Probe(string chromium, string directory, string html)
    {
        var (dom, console) = Dump(chromium, directory, html, PageProbe.ReportMeasure);
        var verdict = PageProbe.ReadVerdict(dom);
        return verdict with { Errors = [.. verdict.Errors, .. console] };
    }

    /// <summary>Saves a screenshot of the page (1280 wide) for people to look at, and checks it was written.</summary>
    public static void Screenshot(string chromium, string page, string path, int height)
    {
        File.Delete(path);
        var shot = HeadlessChromium.Run(chromium, page, $"--screenshot={path}", $"--window-size=1280,{height}", "--hide-scrollbars");
        Assert.True(File.Exists(path) && new FileInfo(path).Length > 10_000, $"no screenshot: {shot.Errors}");
    }
}
