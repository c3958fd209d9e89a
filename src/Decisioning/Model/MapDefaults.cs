namespace Decisioning.Model;

/// <summary>
/// The value of every key a map may leave out, in one place (docs/map-format.md lists them):
/// compilation takes a missing key's value from here and nowhere else, so that the reference, the
/// compiler and the tools that show a map (diff, the testing kit) cannot disagree on a default.
/// </summary>
internal static class MapDefaults
{
    /// <summary><c>customer.idField</c>: the snapshot field that names the customer.</summary>
    public const string IdField = "customerId";

    /// <summary><c>objectives[].kind</c>.</summary>
    public const string ObjectiveKind = "scale";

    /// <summary><c>objectives[].weight</c>: the score's objective factor.</summary>
    public const double ObjectiveWeight = 1.0;

    /// <summary><c>products[].value</c>: the score's value factor.</summary>
    public const double ProductValue = 1.0;

    /// <summary><c>products[].repeatable</c>: a product the customer holds is not offered again.</summary>
    public const bool Repeatable = false;

    /// <summary><c>strategies[].priority</c>.</summary>
    public const double Priority = 50;

    /// <summary><c>strategies[].propensity</c> when absent: a constant.</summary>
    public const double Propensity = 1.0;

    /// <summary><c>models[].intercept</c> of a logistic scorecard.</summary>
    public const double Intercept = 0.0;

    /// <summary><c>arbitration.maxActions</c>.</summary>
    public const long MaxActions = 1;

    /// <summary><c>arbitration.onePerProduct</c>.</summary>
    public const bool OnePerProduct = true;

    /// <summary><c>arbitration.onePerChannel</c>.</summary>
    public const bool OnePerChannel = false;

    /// <summary><c>experiment.controlPolicy</c>: the control group gets no action.</summary>
    public const string ControlPolicy = "none";

    /// <summary><c>suppression[].atLeast</c>.</summary>
    public const long AtLeast = 1;

    /// <summary>Adaptive models (<c>kind: adaptive</c>): <c>prior</c>, <c>priorWeight</c>, <c>minEvidence</c>.</summary>
    public const double AdaptivePrior = 0.05, AdaptivePriorWeight = 20, AdaptiveMinEvidence = 200;

    /// <summary>An adaptive model's <c>window</c>: the responses it learns from.</summary>
    public static readonly TimeSpan AdaptiveWindow = TimeSpan.FromDays(30);

    /// <summary>An adaptive model's <c>positive</c> response kinds.</summary>
    public static readonly IReadOnlyList<string> AdaptivePositive = ["responded", "converted"];
}
