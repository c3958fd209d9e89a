using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Decisioning.Reporting.Tests.Browser;

/// <summary>One chart as the browser laid it out.</summary>
internal sealed record ChartBox(string Name, double Width, double Height, double BoxWidth, double BoxHeight, int Shapes);

/// <summary>What the page reported about itself after load.</summary>
/// <remarks>
/// <see cref="CjkGlyphsDiffer"/>: two different Chinese characters drawn in the page's font give
/// different pixels; without a CJK font both are the same "tofu" box. <see cref="MissingGlyphsDiffer"/>
/// does the same for two unassigned code points, which must come out the same, so that the
/// comparison is seen to tell a box from a glyph.
/// </remarks>
internal sealed record PageVerdict(IReadOnlyList<string> Errors, IReadOnlyList<ChartBox> Charts, double BannerHeight, double CjkWidth,
    bool CjkGlyphsDiffer, bool MissingGlyphsDiffer);

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
            var verdict = (MEASURE)();
            verdict.errors = errors;
            verdict.charts = Array.prototype.map.call(document.querySelectorAll('svg[data-chart]'), function (svg) {
              var box = svg.getBBox(), rect = svg.getBoundingClientRect();
              return { name: svg.getAttribute('data-chart'), width: rect.width, height: rect.height,
                boxWidth: box.width, boxHeight: box.height, shapes: svg.querySelectorAll('rect,line,circle,polyline,polygon,path,text').length };
            });
            var font = '32px ' + getComputedStyle(document.querySelector('.zh') || document.body).fontFamily;
            var pixels = function (text) {
              var canvas = document.createElement('canvas');
              canvas.width = 48; canvas.height = 48;
              var g = canvas.getContext('2d');
              g.font = font; g.fillStyle = '#000'; g.textBaseline = 'top';
              g.fillText(text, 4, 4);
              return Array.prototype.join.call(g.getImageData(0, 0, 48, 48).data, ',');
            };
            verdict.cjkGlyphsDiffer = pixels('策') !== pixels('略');
            verdict.missingGlyphsDiffer = pixels('\u0378') !== pixels('\u0379');
            var pre = document.createElement('pre');
            pre.id = 'probe-verdict';
            pre.textContent = JSON.stringify(verdict);
            document.body.appendChild(pre);
          });
        })();
        </script>
        """;

    /// <summary>What the report page's test measures beyond errors and charts.</summary>
    public const string ReportMeasure = """
        function () {
          var banner = document.getElementById('srm-banner');
          var zh = document.querySelector('.headline .zh');
          return { bannerHeight: banner ? banner.getBoundingClientRect().height : 0, cjkWidth: zh ? zh.getBoundingClientRect().width : 0 };
        }
        """;

    /// <summary>
    /// The page with the probe right after its charset declaration, before anything else runs;
    /// <paramref name="measure"/> is a JavaScript function whose object, after load, gains
    /// <c>errors</c> and <c>charts</c> and becomes the verdict.
    /// </summary>
    public static string Inject(string html, string measure = ReportMeasure)
    {
        const string charset = "<meta charset=\"utf-8\">";
        var at = html.IndexOf(charset, StringComparison.Ordinal);
        Assert.True(at >= 0, "the page declares no charset");
        return html.Insert(at + charset.Length, Script.Replace("(MEASURE)", "(" + measure + ")", StringComparison.Ordinal));
    }

    /// <summary>The verdict as the probe wrote it.</summary>
    public static JsonElement ReadRaw(string dom)
    {
        var match = VerdictElement().Match(dom);
        Assert.True(match.Success, "the probe wrote no verdict: the page did not finish loading. DOM starts: " + dom[..Math.Min(dom.Length, 300)]);
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement;
    }

    /// <summary>The chart boxes of a verdict.</summary>
    public static List<ChartBox> Charts(JsonElement root) =>
        root.GetProperty("charts").EnumerateArray().Select(c => new ChartBox(
            c.GetProperty("name").GetString()!, c.GetProperty("width").GetDouble(), c.GetProperty("height").GetDouble(),
            c.GetProperty("boxWidth").GetDouble(), c.GetProperty("boxHeight").GetDouble(), c.GetProperty("shapes").GetInt32())).ToList();

    public static PageVerdict ReadVerdict(string dom)
    {
        var root = ReadRaw(dom);
        return new PageVerdict(
            root.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList(),
            Charts(root),
            root.GetProperty("bannerHeight").GetDouble(),
            root.GetProperty("cjkWidth").GetDouble(),
            root.GetProperty("cjkGlyphsDiffer").GetBoolean(),
            root.GetProperty("missingGlyphsDiffer").GetBoolean());
    }

    [GeneratedRegex("<pre id=\"probe-verdict\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex VerdictElement();
}
