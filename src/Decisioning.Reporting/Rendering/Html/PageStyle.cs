namespace Decisioning.Reporting.Rendering.Html;

/// <summary>The page's only stylesheet, inline; the font stack carries CJK faces for 中文.</summary>
internal static class PageStyle
{
    public const string Css = """
        :root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --model: #2563eb; --control: #f59e0b; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f3f4f6; color: var(--ink);
          font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "Helvetica Neue", Arial, sans-serif;
          line-height: 1.5; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 0 0 12px; }
        h2 .zh, h1 .zh { color: var(--muted); font-weight: 500; margin-left: 8px; }
        .meta { color: var(--muted); margin: 0 0 20px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 18px; }
        .banner { background: #fef2f2; border: 2px solid #dc2626; color: #991b1b; }
        .banner strong { font-size: 17px; }
        .headline .verdict { font-size: 22px; font-weight: 700; margin: 0; }
        .headline .zh { font-size: 17px; margin: 2px 0 10px; }
        .headline.better { border-left: 8px solid #16a34a; } .headline.worse { border-left: 8px solid #dc2626; }
        .headline.neutral { border-left: 8px solid #6b7280; }
        .cols { display: flex; gap: 20px; flex-wrap: wrap; align-items: flex-start; }
        table { border-collapse: collapse; font-size: 14px; }
        th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        thead th { color: var(--muted); font-weight: 600; }
        #strategies table { font-size: 13px; } #strategies th, #strategies td { padding: 4px 7px; }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
        .scroll { overflow-x: auto; }
        svg { display: block; max-width: 100%; height: auto; }
        svg .t { font-size: 13px; fill: var(--ink); font-family: inherit; }
        svg .small { font-size: 11px; } svg .muted { fill: var(--muted); }
        .note { color: var(--muted); font-size: 13px; }
        footer { color: var(--muted); font-size: 13px; }
        """;
}
