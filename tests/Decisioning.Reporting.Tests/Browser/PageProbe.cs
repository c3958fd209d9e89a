using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>One chart as the browser laid it out.</summary>
internal sealed record ChartBox(string Name, double Width, double Height, double BoxWidth, double BoxHeight, int Shapes);

/// <summary>What the page reported about itself after load.</summary>
internal sealed record PageVerdict(IReadOnlyList<string> Errors, IReadOnlyList<ChartBox> Charts, double BannerHeight, double CjkWidth);

/// <summary>
/// A script put at the top of a copy of the page: it records every error (script errors, failed
/// resource loads, console.error) and, after load, measures every chart and writes a JSON verdict
/// into the DOM, which <c>--dump-dom</c> then prints.
/// </summary>
internal static partial class PageProbe
{
    private const string Script = """
        <script>
        (function () {
          var errors = [];
          window.addEventListener('error', function (e) {
            var t = e.target;
            errors.push(e.message ? 'error: ' + e.message : 'failed to load: ' + ((t && (t.src || t.href)) || 'unknown'));
          }, true);
          window.addEventListener('unhandledrejection', function (e) { errors.push('unhandled rejection: ' + e.reason); });
          var original = console.error;
          console.error = function () { errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
          window.addEventListener('load', function () {
            var charts = Array.prototype.map.call(document.querySelectorAll('svg[data-chart]'), function (svg) {
              var box = svg.getBBox(), rect = svg.getBoundingClientRect();
              return { name: svg.getAttribute('data-chart'), width: rect.width, height: rect.height,
                boxWidth: box.width, boxHeight: box.height, shapes: svg.querySelectorAll('rect,line,circle,polyline,path,text').length };
            });
            var banner = document.getElementById('srm-banner');
            var zh = document.querySelector('.headline .zh');
            var verdict = { errors: errors, charts: charts, bannerHeight: banner ? banner.getBoundingClientRect().height : 0,
              cjkWidth: zh ? zh.getBoundingClientRect().width : 0 };
            var pre = document.createElement('pre');
            pre.id = 'probe-verdict';
            pre.textContent = JSON.stringify(verdict);
            document.body.appendChild(pre);
          });
        })();
        </script>
        """;

    /// <summary>The page with the probe right after its charset declaration, before anything else runs.</summary>
    public static string Inject(string html)
    {
        const string charset = "<meta charset=\"utf-8\">";
        var at = html.IndexOf(charset, StringComparison.Ordinal);
        Assert.True(at >= 0, "the page declares no charset");
        return html.Insert(at + charset.Length, Script);
    }

    public static PageVerdict ReadVerdict(string dom)
    {
        var match = VerdictElement().Match(dom);
        Assert.True(match.Success, "the probe wrote no verdict: the page did not finish loading. DOM starts: " + dom[..Math.Min(dom.Length, 300)]);
        var root = JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement;
        return new PageVerdict(
            root.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList(),
            root.GetProperty("charts").EnumerateArray().Select(c => new ChartBox(
                c.GetProperty("name").GetString()!, c.GetProperty("width").GetDouble(), c.GetProperty("height").GetDouble(),
                c.GetProperty("boxWidth").GetDouble(), c.GetProperty("boxHeight").GetDouble(), c.GetProperty("shapes").GetInt32())).ToList(),
            root.GetProperty("bannerHeight").GetDouble(),
            root.GetProperty("cjkWidth").GetDouble());
    }

    [GeneratedRegex("<pre id=\"probe-verdict\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex VerdictElement();
}
