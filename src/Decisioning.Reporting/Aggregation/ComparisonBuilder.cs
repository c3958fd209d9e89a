using Decisioning.Reporting.Model;
using Decisioning.Reporting.Statistics;

namespace Decisioning.Reporting.Aggregation;

/// <summary>A model and a control accumulator, and the comparison they make.</summary>
internal sealed class ComparisonBuilder
{
    public GroupAccumulator Model { get; } = new();

    public GroupAccumulator Control { get; } = new();

    public GroupAccumulator this[Group group] => group == Group.Model ? Model : Control;

    public Comparison Build() => new(
        Model.ToSummary(),
        Control.ToSummary(),
        ConversionTest.Compare(Model.Conversion, Control.Conversion),
        WelchTest.Compare(Model.Value, Control.Value));
}
