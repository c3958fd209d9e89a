using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Decisioning.Testing.Tests;

/// <summary>
/// The kit's ready-made properties against the sample map and the engine, as a tester at the bank
/// writes them: one line each.
/// </summary>
public sealed class MapPropertiesTests
{
    private static readonly MapProperties Sample = MapProperties.For(SampleMap.Plan, SampleMap.At);

    [Property]
    public Property Decide_SampleMap_IsDeterministic() => Sample.Deterministic();

    [Property]
    public Property Decide_SampleMap_SelectsOnlyActionsThatPassEveryGate() => Sample.SelectedActionsPassEveryGate();

    [Property]
    public Property Decide_SampleMap_RejectsAtTheFirstFailingGate() => Sample.RejectionsNameTheirFirstFailingGate();

    [Property]
    public Property Decide_SampleMap_KeepsTheArbitrationLimits() => Sample.ArbitrationKeepsItsLimits();

    // Each test decides 1000 customers: 20 tests are 20000 decisions.
    [Property(MaxTest = 20)]
    public Property Decide_SampleMap_SplitsTheExperimentAsConfigured() => Sample.ExperimentSplitsWithin(tolerance: 0.05);

    [Property]
    public Property Decide_SampleMapWithAVetoPolicy_StillPassesEveryGateAndLimit()
    {
        var noCallsToTheVeryOld = DecisionPolicy.Veto("no-calls-over-80",
            (customer, candidate, _) => candidate.Channel.Id != "rm-call" || (int)customer.GetValue("age")! <= 80);
        var host = MapProperties.For(new Evaluator(SampleMap.Plan, [noCallsToTheVeryOld]), SampleMap.At);
        return host.SelectedActionsPassEveryGate().And(host.RejectionsNameTheirFirstFailingGate()).And(host.ArbitrationKeepsItsLimits());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void ExperimentSplitsWithin_AToleranceThatIsNoShare_IsRefused(double tolerance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.ExperimentSplitsWithin(tolerance));
    }

    [Property(MaxTest = 50)]
    public Property Decide_SmallMapWithoutExperiment_HasNoAssignment() =>
        MapProperties.For(SmallMap.Load(), SampleMap.At).ExperimentSplitsWithin(customers: 50);
}
