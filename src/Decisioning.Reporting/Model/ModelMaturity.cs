namespace Decisioning.Reporting.Model;

/// <summary>
/// How one adaptive model instance (a model for one strategy) matured: over all decisions, and
/// per step (a board period, or a learned-state version in the report), in the order of time.
/// </summary>
/// <param name="Model">The adaptive model's id.</param>
/// <param name="Strategy">The strategy whose instance of the model this is.</param>
/// <param name="Total">Over every decision made with the instance.</param>
/// <param name="Steps">Per period or state version, in the order of their first decision.</param>
public sealed record ModelMaturity(string Model, string Strategy, MaturityStats Total, IReadOnlyList<MaturityStep> Steps);

/// <summary>
/// One step of a model's maturity: a board period (<see cref="Period"/> set) or a version of the
/// learned state the decisions were made with (<see cref="Version"/> set, <see cref="Source"/>
/// <c>state</c> for a host's learned state, <c>map</c> for the map's own state files, named by the
/// map's hash). <see cref="From"/> and <see cref="To"/> are the first and last decision in it.
/// </summary>
/// <param name="Period">The board period's index (from 0), or null in the report.</param>
/// <param name="Version">The state version's key, or null on the board (and for decisions that name none).</param>
/// <param name="Source"><c>state</c> or <c>map</c> with <see cref="Version"/>; null otherwise.</param>
/// <param name="From">The first decision of the step.</param>
/// <param name="To">The last decision of the step.</param>
/// <param name="Stats">What the step's decisions and their outcomes say.</param>
public sealed record MaturityStep(int? Period, string? Version, string? Source, DateTimeOffset From, DateTimeOffset To, MaturityStats Stats);

/// <summary>
/// What the decisions of a span say about an adaptive model instance.
/// </summary>
/// <param name="Decisions">Decisions whose trace names the instance (whatever the strategy's outcome).</param>
/// <param name="Evidence">The largest evidence (positives + negatives learned) those traces carried.</param>
/// <param name="States">Distinct learned-state versions the decisions were made with.</param>
/// <param name="Contacts">Actions of the strategy those decisions returned (each a contact, as <c>learn</c> counts them).</param>
/// <param name="Positives">Contacts followed, within the window, by a responded or converted outcome that belongs to the strategy.</param>
/// <param name="Negatives">Contacts without one whose window closed before the last time read.</param>
/// <param name="MeanPropensity">Mean propensity the contacts carried; null without contacts.</param>
/// <param name="Auc">Area under the ROC curve of the contacts' propensities against their outcome (positive or negative); null unless both occur.</param>
/// <param name="AucContacts">The positives and negatives carrying a propensity: those the AUC is computed on (counted also when it is null).</param>
/// <param name="Learned">The instance's counts in the learned state, when that state was given; null otherwise.</param>
public sealed record MaturityStats(
    long Decisions,
    long Evidence,
    int States,
    long Contacts,
    long Positives,
    long Negatives,
    double? MeanPropensity,
    double? Auc,
    long AucContacts,
    LearnedCounts? Learned);

/// <summary>
/// An instance's counts in a learned state: its positives and negatives, its predictor bins (null
/// bins included; a category's values seen and its never-seen bin), and the bins whose
/// interactions reached the model's <c>minEvidence</c>.
/// </summary>
/// <param name="Positives">P, the positive interactions learned.</param>
/// <param name="Negatives">N, the negative interactions learned.</param>
/// <param name="Bins">The bins of all predictors.</param>
/// <param name="MatureBins">The bins whose positives and negatives add up to at least the model's <c>minEvidence</c>.</param>
public sealed record LearnedCounts(long Positives, long Negatives, int Bins, int MatureBins);
