using System.Text;
using Decisioning.Reporting.Model;
using Decisioning.Reporting.Rendering.Html;
using Decisioning.Reporting.Rendering.Maturity;
using HtmlText = Decisioning.Reporting.Rendering.Html.Html;

namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// dashboard.html: one self-contained UTF-8 page. Charts are inline SVG drawn here; a small
/// inline script sorts the strategy table and filters every section by strategy id. No URL, no
/// font file, no library: it opens with no network and can be mailed as it is.
/// </summary>
internal static class DashboardHtmlWriter
{
    public static string Render(Dashboard board, BoardLanguage language = BoardLanguage.English)
    {
        ArgumentNullException.ThrowIfNull(board);
        var labels = Labels.For(language);
        return $"""
            <!DOCTYPE html>
            <html lang="{labels.HtmlLang}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{HtmlText.Encode(labels.Title)}</title>
            <style>
            {PageStyle.Css}
            {Css}
            </style>
            </head>
            <body>
            <main>
            {BoardSections.Header(board, labels)}
            {StrategyTable.Render(board, labels)}
            {BoardSections.Trends(board, labels)}
            {BoardSections.Funnel(board, labels)}
            {BoardSections.NoAction(board, labels)}
            {BoardSections.Waves(board, labels)}{MaturitySection.ByPeriod(board.Adaptive, board.Periods.Count, language == BoardLanguage.Chinese ? MaturityLabels.Chinese : MaturityLabels.English)}
            {BoardSections.Shadow(board, labels)}
            {BoardSections.Channels(board, labels)}
            </main>
            <script>
            {Script}
            </script>
            </body>
            </html>

            """;
    }

    public static void Write(Dashboard board, Stream stream, BoardLanguage language = BoardLanguage.English)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(board, language));
        stream.Write(bytes);
    }

    private const string Css = """
        main { max-width: 1260px; }
        #strategies-table { font-size: 12.5px; } #strategies-table th, #strategies-table td { padding: 4px 6px; }
        #filter { font: inherit; padding: 6px 10px; width: 280px; border: 1px solid var(--line); border-radius: 6px; }
        table.sortable thead th { cursor: pointer; user-select: none; }
        table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
        table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
        .ci { color: var(--muted); font-size: 12px; }
        .sig { color: #15803d; font-weight: 600; } .ns { color: var(--muted); }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px; margin-bottom: 12px; }
        .legend > span { display: inline-block; margin: 0 14px 4px 0; font-size: 13px; }
        .big { font-size: 20px; } .big span { font-weight: 700; }
        details summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        """;

    /// <summary>Sorting (numbers by data-sort, empty last) and filtering by strategy id; nothing else runs.</summary>
    private const string Script = """
        (function () {
          var table = document.getElementById('strategies-table');
          if (table) {
            var heads = table.querySelectorAll('thead th');
            Array.prototype.forEach.call(heads, function (th, column) {
              th.addEventListener('click', function () {
                var ascending = th.getAttribute('aria-sort') !== 'ascending';
                Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[column].getAttribute('data-sort') || '', y = b.cells[column].getAttribute('data-sort') || '';
                  if (x === '' || y === '') { return (x === '' ? 1 : 0) - (y === '' ? 1 : 0); }
                  var nx = Number(x), ny = Number(y);
                  var order = isNaN(nx) || isNaN(ny) ? (x < y ? -1 : x > y ? 1 : 0) : nx - ny;
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          }
          var filter = document.getElementById('filter');
          if (filter) {
            filter.addEventListener('input', function () {
              var query = filter.value.trim().toLowerCase();
              Array.prototype.forEach.call(document.querySelectorAll('[data-strategy]'), function (element) {
                var id = (element.getAttribute('data-strategy') || '').toLowerCase();
                element.style.display = query === '' || id.indexOf(query) >= 0 ? '' : 'none';
              });
            });
          }
        })();
        """;
}
