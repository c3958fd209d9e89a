using Decisioning.Benchmarks.Baselines;
using Decisioning.Benchmarks.Inputs;
using Xunit;

namespace Decisioning.RulesEngine.Tests;

/// <summary>
/// The benchmarks compare the engine with the same decision written by hand in C# and around
/// RulesEngine; a comparison is only worth its numbers while all three choose the same actions.
/// The sample map grew waves and a suppression rule once without the peers learning them, and
/// every benchmark then refused to start: this keeps the peers honest as the sample grows.
/// </summary>
public sealed class BenchmarkPeerAgreementTests
{
    [Theory]
    [InlineData(Profile.Pass)]
    [InlineData(Profile.Fail)]
    [InlineData(Profile.Mixed)]
    public void Hand_written_and_RulesEngine_peers_choose_the_engines_actions_on_the_sample(Profile profile)
    {
        var plan = Samples.Load(Samples.MapPath);

        // Contenders cross-checks every peer against Evaluator.Decide and DecideInto, and throws on the first disagreement.
        var contenders = new Contenders(plan, Samples.Pick(plan, profile));

        Assert.Equal(Samples.Count, contenders.Customers.Length);
    }

    [Fact]
    public void The_sample_exercises_waves_and_suppression_so_the_peers_are_checked_on_them()
    {
        var plan = Samples.Load(Samples.MapPath);
        var customers = Samples.Customers(plan);

        Assert.Contains(plan.Strategies, s => s.HasWaves);
        Assert.NotEmpty(plan.Suppression);
        Assert.Contains(customers, c => c.Responses.Length > 0);
        Assert.Contains(customers, c => c.Contacts.Any(x => x.Wave > 1));
    }
}
