using Decisioning.NRules.Facts;
using NRules.RuleModel;

namespace Decisioning.NRules;

/// <summary>
/// What a rule's action does to a candidate, under the rule's own name (its <c>[Name]</c>, or its
/// class's full name): <c>Then().Do(ctx => ctx.Veto(candidate))</c>.
/// </summary>
public static class PolicyContextExtensions
{
    /// <summary>Vetoes the candidate: its trace says <c>policy</c> with this rule's name.</summary>
    public static void Veto(this IContext context, CandidateFact candidate)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidate);
        candidate.Veto(context.Rule.Name);
    }

    /// <summary>Multiplies the candidate's score by <paramref name="factor"/> (finite, >= 0) before arbitration.</summary>
    public static void ScaleScore(this IContext context, CandidateFact candidate, double factor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidate);
        candidate.ScaleScore(factor, context.Rule.Name);
    }
}
