using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Rendering.Html;

/// <summary>How the overall conversion comparison came out.</summary>
internal enum Verdict
{
    NotEnoughData,
    ModelBetter,
    ControlBetter,
    NoProvenDifference,
}

/// <summary>
/// The headline in words: which group converted better, by how much with its interval, and
/// whether that is statistically significant (pooled z-test, p &lt; 0.05).
/// </summary>
internal sealed record Headline(Verdict Verdict, string Title, string Chinese, string Detail)
{
    public const double Alpha = 0.05;

    public static Headline For(Report report)
    {
        var overall = report.Overall;
        var conversion = overall.Conversion;
        if (overall.Model.Customers == 0 || overall.Control.Customers == 0 || conversion.PValue is not { } p)
        {
            return new Headline(
                Verdict.NotEnoughData,
                "Not enough data to compare the groups yet.",
                "结论：数据不足，暂无法比较模型组与非模型组。",
                $"The model group has {Format.Count(overall.Model.Customers)} customers with "
                + $"{Format.Count(overall.Model.Converters)} conversions and the control group "
                + $"{Format.Count(overall.Control.Customers)} with {Format.Count(overall.Control.Converters)}. "
                + "Both groups need customers, and at least one conversion between them.");
        }

        var d = conversion.Absolute.Estimate ?? 0;
        var verdict = p >= Alpha ? Verdict.NoProvenDifference : d > 0 ? Verdict.ModelBetter : Verdict.ControlBetter;
        var (title, chinese) = verdict switch
        {
            Verdict.ModelBetter => ("The strategy map beat the control group.", "结论：模型组显著优于非模型组。"),
            Verdict.ControlBetter => ("The control group did better than the strategy map.", "结论：非模型组显著优于模型组。"),
            _ => ("No proven difference between the strategy map and the control group.", "结论：模型组与非模型组无显著差异。"),
        };
        return new Headline(verdict, title, chinese, Describe(overall, verdict, p));
    }

    private static string Describe(Comparison overall, Verdict verdict, double p)
    {
        var conversion = overall.Conversion;
        var text = $"Customers in the model group converted at {Format.Percent(overall.Model.ConversionRate)} "
            + $"against {Format.Percent(overall.Control.ConversionRate)} in the control group: "
            + $"{Format.Points(conversion.Absolute.Estimate)} (95% CI {Range(conversion.Absolute, Format.Points)})";
        text += conversion.Relative.Estimate is null
            ? ". "
            : $", that is {Format.Relative(conversion.Relative.Estimate)} relative (95% CI {Range(conversion.Relative, Format.Relative)}). ";
        text += verdict switch
        {
            Verdict.NoProvenDifference => $"A difference this size could well be chance ({Format.PValue(p)}): "
                + "keep the experiment running, or treat the map as no better than the control.",
            Verdict.ModelBetter => $"That is statistically significant ({Format.PValue(p)}): unlikely to be chance. "
                + $"About {Magnitude(conversion.Incremental)} extra conversions and {Magnitude(overall.Value.Incremental)} "
                + "extra value in the model group came from the map.",
            _ => $"That is statistically significant ({Format.PValue(p)}): unlikely to be chance. "
                + $"The map cost about {Magnitude(conversion.Incremental)} conversions and "
                + $"{Magnitude(overall.Value.Incremental)} in value in the model group.",
        };
        return text;
    }

    private static string Magnitude(double? value) =>
        value is { } v ? Format.Number(Math.Abs(v), 0) : Format.NotAvailable;

    private static string Range(Interval interval, Func<double?, string> format) =>
        interval.Low is null ? Format.NotAvailable : $"{format(interval.Low)} to {format(interval.High)}";
}
