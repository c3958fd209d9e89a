using Decisioning.Plan;

namespace Decisioning.Hosting;

/// <summary>
/// What a policy factory sees when a map version is loaded: it is called once per version, off
/// the decision path, so that a policy can compile what it needs (a rule set, lookups by the
/// version's products) once and reuse it for every decision of that version.
/// </summary>
/// <param name="Services">The host's service provider.</param>
/// <param name="MapId">The map being loaded.</param>
/// <param name="Plan">The compiled version.</param>
public sealed record DecisionPolicyContext(IServiceProvider Services, string MapId, DecisionPlan Plan);
