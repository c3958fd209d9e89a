using Xunit;

namespace Decisioning.Testing.Tests.Regression;

/// <summary>
/// A theory that measures rather than checks, too slow for every CI run (minutes): it runs only
/// when DECISIONING_MEASURE=1 and is otherwise skipped with that reason printed.
/// </summary>
public sealed class MeasurementTheoryAttribute : TheoryAttribute
{
    public MeasurementTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("DECISIONING_MEASURE") != "1")
        {
            Skip = "a measurement of several minutes, not a CI check: run it with DECISIONING_MEASURE=1 " +
                   "(dotnet test tests/Decisioning.Testing.Tests -c Release --filter Category=Measurement)";
        }
    }
}
