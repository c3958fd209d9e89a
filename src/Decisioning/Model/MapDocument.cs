using Decisioning.Diagnostics;

namespace Decisioning.Model;

/// <summary>
/// A strategy map as written: every section of every file, merged, with the place of every value.
/// Nothing here is checked beyond its YAML shape; <c>Validation</c> checks it and
/// <c>Compilation</c> turns it into a plan.
/// </summary>
internal sealed record MapDocument
{
    public Located<string>? Id { get; init; }
    public Located<string>? Version { get; init; }
    public Located<string>? Description { get; init; }
    public CustomerSchemaDecl Customer { get; init; } = new();
    public IReadOnlyList<RuleDecl> Tiers { get; init; } = [];
    public IReadOnlyList<RuleDecl> Lifecycle { get; init; } = [];
    public IReadOnlyList<SegmentDecl> Segments { get; init; } = [];
    public IReadOnlyList<ObjectiveDecl> Objectives { get; init; } = [];
    public IReadOnlyList<ProductDecl> Products { get; init; } = [];
    public IReadOnlyList<ChannelDecl> Channels { get; init; } = [];
    public IReadOnlyList<ScriptDecl> Scripts { get; init; } = [];
    public IReadOnlyList<ScenarioDecl> Scenarios { get; init; } = [];
    public IReadOnlyList<StrategyDecl> Strategies { get; init; } = [];
    public IReadOnlyList<ModelDecl> Models { get; init; } = [];
    public IReadOnlyList<SuppressionDecl> Suppression { get; init; } = [];
    public ArbitrationDecl Arbitration { get; init; } = new();
    public ExperimentDecl? Experiment { get; init; }

    /// <summary>Where the map starts (its first file), for problems of the whole map.</summary>
    public SourceLocation Location { get; init; }
}
