using Decisioning.Evaluation;
using Decisioning.Testing.Tests.Support;
using FsCheck;
using Xunit;
using Xunit.Abstractions;

namespace Decisioning.Testing.Tests.Mutation;

/// <summary>
/// The kit proves itself: evaluators that are wrong on purpose (built from the engine's internal
/// <see cref="EvaluationRules"/>) must fail its ready-made properties on the sample map within
/// FsCheck's default 100 tests, each with a fresh seed, and shrink to a customer a person can read.
/// </summary>
public sealed class MutantEvaluatorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Mutants => [.. Cases.Keys];

    private static readonly Dictionary<string, (EvaluationRules Rules, Func<MapProperties, Property> Property, string Expected)> Cases = new()
    {
        // A contact exactly `cooldown` ago still blocks: [at - cooldown, at].
        ["cooldown-includes-its-start"] = (EvaluationRules.Spec with { Cooldown = new ContactWindow(IncludesStart: true, IncludesEnd: true) },
            p => p.RejectionsNameTheirFirstFailingGate(), "cooldown"),
        // A contact at the decision time itself no longer blocks: (at - cooldown, at).
        ["cooldown-excludes-its-end"] = (EvaluationRules.Spec with { Cooldown = new ContactWindow(IncludesStart: false, IncludesEnd: false) },
            p => p.RejectionsNameTheirFirstFailingGate(), "cooldown"),
        // The contact policy counts [at - per, at).
        ["contact-policy-counts-at-minus-per-to-at"] = (EvaluationRules.Spec with { ContactPolicy = new ContactWindow(IncludesStart: true, IncludesEnd: false) },
            p => p.SelectedActionsPassEveryGate(), "channel"),
        ["arbitration-ignores-onePerProduct"] = (EvaluationRules.Spec with { HonoursOnePerProduct = false },
            p => p.ArbitrationKeepsItsLimits(), "onePerProduct"),
    };

    [Theory]
    [MemberData(nameof(Mutants))]
    public void Property_WrongEvaluator_FailsWithinTheDefaultTestsAndShrinksToAReadableCustomer(string mutant)
    {
        var (rules, property, expected) = Cases[mutant];
        var wrong = MapProperties.For(new Evaluator(SampleMap.Plan, null, rules), SampleMap.At);

        var found = Falsification.Run(property(wrong));

        output.WriteLine(found.Message);
        Assert.True(found.Failed, $"{mutant} survived 100 tests");
        Assert.Contains(expected, found.Message);
        var shrunk = found.Shrunk!;
        Assert.InRange(shrunk.Contacts.Count, 0, 3);
        // At most the one response that ends a wave sequence; the shrinker once kept every generated one.
        Assert.InRange(shrunk.Responses.Count, 0, 1);
        Assert.InRange(shrunk.Events.Count, 0, 1);
        Assert.InRange(shrunk.Holdings.Count, 0, 2);
        Assert.True(shrunk.Json.Length < 800, shrunk.Json);
    }

    [Fact]
    public void Property_SpecEvaluator_PassesWhatTheMutantsFail()
    {
        var right = MapProperties.For(SampleMap.Plan, SampleMap.At);
        foreach (var (_, property, _) in Cases.Values)
        {
            var found = Falsification.Run(property(right));
            Assert.False(found.Failed, found.Message);
        }
    }
}
