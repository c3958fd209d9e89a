using System.Diagnostics;
using Decisioning.Hosting;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NRules;
using NRules.Fluent;

namespace Decisioning.NRules;

/// <summary>Adds NRules rule sets to Decisioning's policy gate.</summary>
public static class NRulesDecisioningBuilderExtensions
{
    /// <summary>
    /// Adds the rules that <paramref name="rules"/> selects (NRules.Fluent <c>Rule</c> classes) as a
    /// policy. Rule classes are made from the container, so their constructors may take services;
    /// the rule set is compiled once per map version, when the version loads, never per decision.
    /// A rule set that fails to compile, or a selection that finds no rule, fails that version's load
    /// (at start: the host does not start; on a reload: the serving version stays).
    /// </summary>
    /// <example><c>builder.AddNRulesPolicy(rules => rules.From(typeof(SuitabilityRule).Assembly))</c></example>
    public static DecisioningBuilder AddNRulesPolicy(this DecisioningBuilder builder, Action<IRuleLoadSpec> rules,
        Action<NRulesPolicyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(rules);
        var options = new NRulesPolicyOptions();
        configure?.Invoke(options);
        return builder.AddPolicy(context => options.AppliesTo(context.MapId) ? Create(context, rules, options) : null);
    }

    private static NRulesPolicy Create(DecisionPolicyContext context, Action<IRuleLoadSpec> rules, NRulesPolicyOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var repository = new RuleRepository(new ServiceRuleActivator(context.Services));
        repository.Load(rules);
        var definitions = repository.GetRules().ToList();
        if (definitions.Count == 0)
        {
            // Almost always a selection mistake; NRules skips nested and private rule classes unless told.
            throw new InvalidOperationException(
                "the NRules rule selection loaded no rules (nested or private rule classes need rules.NestedTypes() or rules.PrivateTypes())");
        }

        var factory = repository.Compile();
        var facts = options.Facts?.Invoke(context).ToList();
        var logger = (context.Services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(DecisioningTelemetry.LogCategory);
        logger.RulesCompiled(context.MapId, context.Plan.Version, definitions.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new NRulesPolicy(factory, facts);
    }

    /// <summary>Makes rule classes from the container, so that a rule can take a catalogue or a model.</summary>
    private sealed class ServiceRuleActivator(IServiceProvider services) : IRuleActivator
    {
        public IEnumerable<global::NRules.Fluent.Dsl.Rule> Activate(Type type)
        {
            yield return (global::NRules.Fluent.Dsl.Rule)ActivatorUtilities.CreateInstance(services, type);
        }
    }
}
