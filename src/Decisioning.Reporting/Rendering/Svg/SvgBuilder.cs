using System.Globalization;
using System.Net;
using System.Text;

namespace Decisioning.Reporting.Rendering.Svg;

/// <summary>
/// Writes one inline <c>&lt;svg&gt;</c> chart: shapes and escaped text, numbers in the invariant
/// culture. Inline SVG in HTML needs no namespace, so the page names no URL at all.
/// </summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder svg = new();

    public SvgBuilder(string chart, double width, double height, string label)
    {
        svg.Append($"<svg data-chart=\"{Escape(chart)}\" width=\"{N(width)}\" height=\"{N(height)}\" ")
            .Append($"viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{Escape(label)}\">");
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? title = null, string? data = null)
    {
        svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"");
        if (data is not null)
        {
            svg.Append(' ').Append(data);
        }

        return Close(title, "rect");
    }

    /// <summary>Opens a group whose elements share a <c>data-strategy</c> (for the page's filter); close it with <see cref="EndGroup"/>.</summary>
    public SvgBuilder Group(string strategy)
    {
        svg.Append($"<g data-strategy=\"{Escape(strategy)}\">");
        return this;
    }

    public SvgBuilder EndGroup()
    {
        svg.Append("</g>");
        return this;
    }

    /// <summary>A filled shape without outline, for interval bands.</summary>
    public SvgBuilder Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity)
    {
        var coordinates = string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        svg.Append($"<polygon points=\"{coordinates}\" fill=\"{fill}\" fill-opacity=\"{N(opacity)}\" stroke=\"none\"/>");
        return this;
    }

    /// <summary>A <c>data-name="value"</c> attribute, escaped, for <see cref="Rect"/>'s data.</summary>
    public static string Data(string name, string value) => $"data-{name}=\"{Escape(value)}\"";

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        if (dash is not null)
        {
            svg.Append($" stroke-dasharray=\"{dash}\"");
        }

        svg.Append("/>");
        return this;
    }

    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? title = null)
    {
        svg.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"");
        return Close(title, "circle");
    }

    public SvgBuilder Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2)
    {
        var coordinates = string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        svg.Append($"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"/>");
        return this;
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end.</summary>
    public SvgBuilder Text(double x, double y, string text, string anchor = "start", string cssClass = "t")
    {
        svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" class=\"{cssClass}\">{Escape(text)}</text>");
        return this;
    }

    public string Build() => svg.Append("</svg>").ToString();

    private SvgBuilder Close(string? title, string element)
    {
        svg.Append(title is null ? "/>" : $"><title>{Escape(title)}</title></{element}>");
        return this;
    }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
