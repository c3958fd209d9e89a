using System.Globalization;
using System.Text.Json;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering;
using Decisioning.Reporting.Rendering.Board;
using Decisioning.Reporting.Tests.Support;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>
/// dashboard.html in headless Chromium: no console error; the strategy table, funnel, no-action and
/// wave charts hold the numbers of dashboard.json; sorting and the filter work; Chinese labels have
/// a width (a CJK font was found); a screenshot is saved under bin/.../browser/board-*.png.
/// </summary>
public class DashboardPageBrowserTests
{
    private const string Measure = """
        function () {
          var table = document.getElementById('strategies-table');
          function ids() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.getAttribute('data-strategy'); }); }
          function all(selector, read) { return Array.prototype.map.call(document.querySelectorAll(selector), read); }
          var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
            var cells = { strategy: row.getAttribute('data-strategy') };
            Array.prototype.forEach.call(row.querySelectorAll('td[data-name]'), function (td) { cells[td.getAttribute('data-name')] = td.getAttribute('data-sort'); });
            return cells;
          });
          var funnel = all('svg[data-chart="funnel"] rect[data-reason]', function (r) {
            return { strategy: r.getAttribute('data-strategy'), reason: r.getAttribute('data-reason'), count: Number(r.getAttribute('data-count')), width: r.getBoundingClientRect().width };
          });
          var noAction = all('svg[data-chart="no-action"] rect[data-key]', function (r) {
            return { key: r.getAttribute('data-key'), count: Number(r.getAttribute('data-count')), width: r.getBoundingClientRect().width };
          });
          var waves = all('svg[data-chart="waves"] rect[data-wave]', function (r) { return { wave: Number(r.getAttribute('data-wave')), count: Number(r.getAttribute('data-count')) }; });
          var reach = table.querySelectorAll('thead th')[1];
          reach.click(); var ascending = ids();
          reach.click(); var descending = ids();
          var filter = document.getElementById('filter');
          filter.value = 'pension'; filter.dispatchEvent(new Event('input'));
          var shown = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.style.display !== 'none'; }).map(function (r) { return r.getAttribute('data-strategy'); });
          var trendsShown = Array.prototype.filter.call(document.querySelectorAll('.trend'), function (t) { return t.getBoundingClientRect().height > 0; }).length;
          filter.value = ''; filter.dispatchEvent(new Event('input'));
          var share = document.getElementById('shadow-changed-share');
          var banner = document.getElementById('srm-banner');
          return { rows: rows, funnel: funnel, noAction: noAction, waves: waves, ascending: ascending, descending: descending,
            shown: shown, trendsShown: trendsShown, trends: document.querySelectorAll('svg[data-chart="trend"]').length,
            bands: document.querySelectorAll('svg[data-chart="trend"] polygon').length,
            shadow: share ? share.textContent : null, banner: banner ? banner.getBoundingClientRect().height : 0,
            lang: document.documentElement.lang, titleWidth: document.querySelector('h1').getBoundingClientRect().width };
        }
        """;

    private static readonly string OutputDirectory = Path.Combine(AppContext.BaseDirectory, "browser");

    [ChromiumFact]
    public void DashboardPage_RandomLogInEnglish_ShowsTheNumbersOfTheJson() => Check("board-en", BoardLanguage.English);

    [ChromiumFact]
    public void DashboardPage_RandomLogInChinese_ShowsTheNumbersWithChineseLabels()
    {
        var page = Check("board-zh", BoardLanguage.Chinese);

        Assert.Equal("zh-CN", page.GetProperty("lang").GetString());
    }

    private static JsonElement Check(string name, BoardLanguage language)
    {
        var (decisions, outcomes) = RandomBoardLog.Make(1500, seed: 4);
        var board = BoardRun.Build(decisions, outcomes);
        var chromium = BrowserRun.Chromium();
        var directory = Path.Combine(OutputDirectory, name);
        DashboardFiles.Write(board, directory, language);
        var file = Path.Combine(directory, DashboardFiles.HtmlName);

        var (dom, console) = BrowserRun.Dump(chromium, directory, File.ReadAllText(file), Measure);
        BrowserRun.Screenshot(chromium, file, Path.Combine(directory, name + ".png"), 3200);

        var page = PageProbe.ReadRaw(dom);
        Assert.Empty(page.GetProperty("errors").EnumerateArray());
        Assert.Empty(console);
        var charts = PageProbe.Charts(page);
        Assert.Equal(["trend", "trend", "trend", "trend", "funnel", "no-action", "waves"], charts.Select(c => c.Name));
        Assert.All(charts, chart => Assert.True(chart.BoxWidth > 0 && chart.BoxHeight > 0 && chart.Shapes > 5, $"{chart.Name} drew nothing"));
        Assert.True(page.GetProperty("bands").GetInt32() >= 4, "the trend charts have no interval bands");
        Assert.True(page.GetProperty("titleWidth").GetDouble() > 100);

        StrategyRows(board, page);
        Funnel(board, page);
        var noAction = page.GetProperty("noAction").EnumerateArray().Select(b => (b.GetProperty("key").GetString(), b.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(board.NoAction.Select(r => ((string?)r.Reason, r.Count)), noAction);
        var waveTotal = board.Strategies.Sum(s => s.Total.Responses.Responded + s.Total.Responses.Declined + s.Total.Responses.Converted);
        Assert.Equal(waveTotal, page.GetProperty("waves").EnumerateArray().Sum(w => w.GetProperty("count").GetInt64()));

        var byReach = board.Strategies.OrderByDescending(s => s.Total.Customers).Select(s => s.Strategy).ToList();
        Assert.Equal(byReach, page.GetProperty("descending").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Enumerable.Reverse(byReach), page.GetProperty("ascending").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["retiree-pension"], page.GetProperty("shown").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, page.GetProperty("trendsShown").GetInt32());
        Assert.Equal(Decisioning.Reporting.Rendering.Html.Format.Percent(board.Shadow!.ChangedShare, 1), page.GetProperty("shadow").GetString());
        var mismatch = board.Totals.Srm.Mismatch || board.Periods.Any(p => p.Srm.Mismatch);
        Assert.Equal(mismatch, page.GetProperty("banner").GetDouble() > 0);
        return page;
    }

    private static void StrategyRows(Dashboard board, JsonElement page)
    {
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(board.Strategies.Select(s => s.Strategy), rows.Select(r => r.GetProperty("strategy").GetString()));
        foreach (var (row, strategy) in rows.Zip(board.Strategies))
        {
            var a = strategy.Total;
            Assert.Equal(N(a.Customers), row.GetProperty("reach").GetString());
            Assert.Equal(N(a.Contacts), row.GetProperty("contacts").GetString());
            Assert.Equal(N(a.Responses.Responded), row.GetProperty("responded").GetString());
            Assert.Equal(N(a.Responses.Declined), row.GetProperty("declined").GetString());
            Assert.Equal(N(a.Responses.Converted), row.GetProperty("converted").GetString());
            Assert.Equal(a.Value, double.Parse(row.GetProperty("value").GetString()!, CultureInfo.InvariantCulture), 6);
            var uplift = strategy.Comparison?.Conversion.Absolute.Estimate;
            Assert.Equal(uplift?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty, row.GetProperty("uplift").GetString());
        }
    }

    private static void Funnel(Dashboard board, JsonElement page)
    {
        var segments = page.GetProperty("funnel").EnumerateArray()
            .Select(s => (s.GetProperty("strategy").GetString()!, s.GetProperty("reason").GetString()!, s.GetProperty("count").GetInt64(), s.GetProperty("width").GetDouble()))
            .ToList();
        var expected = board.Funnel.SelectMany(f => new[] { (f.Strategy, "selected", f.Selected) }.Concat(f.Rejected.Select(r => (f.Strategy, r.Reason, r.Count)))).ToList();
        Assert.Equal(expected, segments.Select(s => (s.Item1, s.Item2, s.Item3)));
        // Bars are drawn to scale: the widest segment is the largest count.
        Assert.Equal(segments.MaxBy(s => s.Item3).Item3, segments.MaxBy(s => s.Item4).Item3);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
