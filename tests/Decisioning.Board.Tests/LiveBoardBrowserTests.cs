using System.Text.RegularExpressions;
using Decisioning.Reporting.Tests.Browser;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Board.Tests;

/// <summary>
/// The live board in headless Chromium, served by Kestrel on 127.0.0.1: the page's tables and
/// charts carry the recent decisions' numbers after its script ran; a screenshot is saved under
/// bin/.../browser/live-board.png.
/// </summary>
public sealed partial class LiveBoardBrowserTests
{
    [ChromiumFact]
    public async Task LivePage_RecentDecisions_ShowsTheirNumbersInChromium()
    {
        var chromium = ChromiumLocator.Find();
        Assert.True(chromium is not null, $"CI is set but chromium is missing: {ChromiumLocator.InstallHint}.");
        await using var app = await BoardHost.StartAsync(o => o.AllowAnonymous = true, kestrel: true);
        Lines.Fill(app.Services.GetRequiredService<RecentDecisions>());
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        var page = address + "/decisioning";

        // Chromium's work runs off the test thread: Kestrel keeps serving while it waits.
        var dump = await Task.Run(() => HeadlessChromium.Run(chromium, page, "--dump-dom"));
        var directory = Path.Combine(AppContext.BaseDirectory, "browser");
        Directory.CreateDirectory(directory);
        var screenshot = Path.Combine(directory, "live-board.png");
        File.Delete(screenshot);
        await Task.Run(() => HeadlessChromium.Run(chromium, page, $"--screenshot={screenshot}", "--window-size=1280,2400", "--hide-scrollbars"));

        Assert.Equal(0, dump.ExitCode);
        var dom = dump.Output;
        Assert.DoesNotContain(":CONSOLE", dump.Errors, StringComparison.Ordinal);
        Assert.Equal(["retiree-pension", "card-activation"], StrategyRows().Matches(dom).Select(m => m.Groups[1].Value));
        Assert.Contains("data-name=\"contacts\" data-sort=\"5\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-strategy=\"retiree-pension\" data-reason=\"selected\" data-count=\"6\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-strategy=\"retiree-pension\" data-reason=\"cooldown\" data-count=\"4\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-key=\"cooldown\" data-count=\"2\"", dom, StringComparison.Ordinal);
        foreach (var chart in new[] { "trend", "funnel", "no-action", "waves" })
        {
            Assert.Contains($"data-chart=\"{chart}\"", dom, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot of the live board");
    }

    [GeneratedRegex("<tr data-strategy=\"([^\"]+)\"><th scope=\"row\" data-sort=")]
    private static partial Regex StrategyRows();
}
